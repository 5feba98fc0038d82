// `emflow dsp fft|sosfilt|features`: runs the device DSP blocks (core/dsp) over CSV rows so
// that their output can be compared with numpy/scipy from the shell and from pytest.
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "command.h"
#include "number_csv.h"
#include "options.h"
#include "dsp/biquad.h"
#include "dsp/features.h"
#include "dsp/fft.h"

namespace emflow::cli {
namespace {

using Rows = std::vector<std::vector<float>>;

int fail(const std::string& message) {
  std::fprintf(stderr, "emflow dsp: %s\n", message.c_str());
  return 1;
}

int usage(const std::string& message) {
  std::fprintf(stderr, "emflow dsp: %s\n", message.c_str());
  return 2;
}

// Rows of a CSV file of numbers as floats (the precision the device code works in).
bool readNumberRows(const std::string& path, Rows* rows, std::string* error) {
  NumberRows numbers;
  if (!readNumberRows(path, false, &numbers, error)) return false;
  for (const std::vector<double>& row : numbers.rows)
    rows->push_back(std::vector<float>(row.begin(), row.end()));
  return true;
}

void printRow(const std::vector<float>& values) {
  for (size_t i = 0; i < values.size(); ++i)
    std::printf("%s%.9g", i ? "," : "", static_cast<double>(values[i]));
  std::printf("\n");
}

std::string where(const std::string& path, size_t row) {
  return path + ": row " + std::to_string(row + 1);
}

int runFft(const std::string& path) {
  Rows rows;
  std::string error;
  if (!readNumberRows(path, &rows, &error)) return fail(error);
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<float>& x = rows[r];
    if (x.size() > 65535 || !dsp::fftSizeSupported(static_cast<uint16_t>(x.size())))
      return fail(where(path, r) + ": length " + std::to_string(x.size()) +
                  " is not a power of two in 2.." + std::to_string(EMFLOW_FFT_MAX_SIZE));
    const uint16_t n = static_cast<uint16_t>(x.size());
    dsp::rfft(x.data(), n);
    // Unpack to numpy.fft.rfft order: re0, im0, re1, im1, ..., re(n/2), im(n/2).
    std::vector<float> unpacked;
    unpacked.push_back(x[0]);
    unpacked.push_back(0.0f);
    for (uint16_t k = 1; k < n / 2; ++k) {
      unpacked.push_back(x[2 * k]);
      unpacked.push_back(x[2 * k + 1]);
    }
    unpacked.push_back(x[1]);
    unpacked.push_back(0.0f);
    printRow(unpacked);
  }
  return 0;
}

int runSosfilt(const std::string& sosPath, const std::string& path) {
  Rows sosRows, rows;
  std::string error;
  if (!readNumberRows(sosPath, &sosRows, &error) || !readNumberRows(path, &rows, &error))
    return fail(error);
  if (sosRows.empty() || sosRows.size() > 255)
    return fail(sosPath + ": expected 1..255 sections, found " + std::to_string(sosRows.size()));
  std::vector<float> sos;
  for (size_t s = 0; s < sosRows.size(); ++s) {
    if (sosRows[s].size() != 6)
      return fail(where(sosPath, s) + ": a section has 6 coefficients (b0 b1 b2 a0 a1 a2), found " +
                  std::to_string(sosRows[s].size()));
    sos.insert(sos.end(), sosRows[s].begin(), sosRows[s].end());
  }
  std::vector<dsp::BiquadSection> sections(sosRows.size());
  dsp::BiquadCascade cascade;
  Status status =
      dsp::biquadInit(&cascade, sections.data(), static_cast<uint8_t>(sections.size()), sos.data());
  if (status != kOk)
    return fail(sosPath + ": " + emflow_status_name(status) + " (a0 must be non-zero)");
  for (std::vector<float>& x : rows) {
    dsp::biquadReset(&cascade);  // every row is an independent signal
    for (float& v : x) v = dsp::biquadStep(&cascade, v);
    printRow(x);
  }
  return 0;
}

bool parseEdges(const std::string& text, std::vector<uint16_t>* edges, std::string* error) {
  std::stringstream items(text);
  std::string item;
  while (std::getline(items, item, ',')) {
    uint64_t value = 0;
    if (!readCountOption("--bands", item, 0, 65535, &value, error)) return false;
    edges->push_back(static_cast<uint16_t>(value));
  }
  if (edges->size() >= 2 && edges->size() <= 256 && text.back() != ',') return true;
  *error = "--bands: expected 2..256 comma-separated bin indices, got '" + text + "'";
  return false;
}

int runFeatures(const std::vector<std::string>& args) {
  std::vector<uint16_t> edges;
  std::string path;
  ArgCursor cursor(args);
  while (cursor.next()) {
    std::string text, why;
    if (cursor.arg() == "--bands") {
      if (!cursor.value(&text, &why) || !parseEdges(text, &edges, &why)) return usage(why);
    } else if (cursor.isOption()) {
      return usage("features: unknown option '" + cursor.arg() + "'");
    } else if (path.empty()) {
      path = cursor.arg();
    } else {
      return fail("unexpected argument '" + cursor.arg() + "'");
    }
  }
  if (!cursor.error().empty()) return usage(cursor.error());
  if (path.empty()) return fail("features: missing FILE.csv");
  Rows rows;
  std::string error;
  if (!readNumberRows(path, &rows, &error)) return fail(error);
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::vector<float>& x = rows[r];
    if (x.empty() || x.size() > 65535)
      return fail(where(path, r) + ": a window has 1..65535 samples");
    const uint16_t n = static_cast<uint16_t>(x.size());
    dsp::BasicFeatures basic;
    dsp::basicFeatures(x.data(), n, 1, &basic);
    std::vector<float> out(dsp::kBasicFeatureCount);
    dsp::basicFeaturesToArray(basic, out.data());
    if (!edges.empty()) {
      std::vector<float> scratch(n), energies(edges.size() - 1);
      Status status =
          dsp::bandEnergies(x.data(), n, 1, edges.data(), static_cast<uint8_t>(energies.size()),
                            scratch.data(), energies.data());
      if (status != kOk)
        return fail(where(path, r) + ": band energies: " + emflow_status_name(status) +
                    " (window length must be a power of two, edges increasing and <= n/2+1)");
      out.insert(out.end(), energies.begin(), energies.end());
    }
    printRow(out);
  }
  return 0;
}

int runDsp(const std::vector<std::string>& args) {
  if (args.empty()) return fail("missing operation (fft, sosfilt or features); see --help");
  const std::string& op = args[0];
  if (op == "fft" && args.size() == 2) return runFft(args[1]);
  if (op == "sosfilt" && args.size() == 3) return runSosfilt(args[1], args[2]);
  if (op == "features") return runFeatures(std::vector<std::string>(args.begin() + 1, args.end()));
  return fail("unknown operation or wrong arguments: '" + op + "'; see emflow dsp --help");
}

const CommandRegistration kRegistration({
    "dsp",
    "dsp fft|sosfilt|features ARGS",
    "run the device DSP blocks over rows of a CSV file",
    "  emflow dsp fft FILE.csv\n"
    "      each row (length a power of two) -> its real FFT as re0,im0,...,re(n/2),im(n/2)\n"
    "      (numpy.fft.rfft order and scale)\n"
    "  emflow dsp sosfilt SOS.csv FILE.csv\n"
    "      SOS.csv: one section per row, b0,b1,b2,a0,a1,a2 (scipy sosfilt layout);\n"
    "      each row of FILE.csv is filtered as an independent signal from zero state\n"
    "  emflow dsp features [--bands E0,E1,...] FILE.csv\n"
    "      each row is a window -> mean,std,min,max,rms,zero_crossings[,band energies]\n"
    "      band b sums |rfft(x)[k]|^2 for k in [E_b, E_b+1)",
    runDsp,
});

}  // namespace
}  // namespace emflow::cli
