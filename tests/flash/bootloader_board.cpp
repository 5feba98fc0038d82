// An Arduino board with its real bootloader, for flashing tests: libsimavr runs Debian's
// bootloader from the boot section — optiboot_atmega328.hex (Uno, STK500v1) on an ATmega328P or
// stk500boot_v2_mega2560.hex (Mega 2560, STK500v2) on an ATmega2560, both at 115200 baud — as a
// board does right after the DTR pulse of an upload, and bridges USART0 to a pseudo-terminal. A
// host program opens that pty like /dev/ttyACM0, flashes a firmware through the bootloader
// (simavr implements SPM), and when the bootloader starts the application, keeps talking to it
// on the same line.
//
// A pty has no DTR line, so with --control-stdin the auto-reset circuit is stood in for on
// stdin: a line "reset" resets the CPU into the bootloader (flash and EEPROM kept, MCUSR =
// external reset), as the DTR edge does through a board's 100 nF capacitor, and "reset N" is
// printed once done; stdin closing (the parent is gone) stops the board. "--app FIRMWARE.hex"
// preloads an application, as a board flashed earlier. The first HEX may also be an
// application alone (the serial-runtime tests run the generic firmware without a bootloader):
// the lowest address in the file is where the CPU starts.
//
// --ds18b20 PIN: a DS18B20 on that digital pin of the Uno (D2..D13), the device model of
// tests/board/ds18b20_device.h with the fridge example's ROM (28 AF 1C B2 04 00 00 33), its
// temperature a triangle wave (--ds18b20-wave LOW:HIGH:PERIOD_S, default 0:8:20, in board time)
// so that a thermostat graph switches. The bus is checked after every instruction.
//
// --adc FILE: recorded analog inputs on ADC channels 0..2 (A0..A2 of the Uno and the Mega):
// `emflow run ... --adc FILE` writes them (time_ms,a0,a1,a2 in counts, each row holding until
// the next). A fresh board converts nothing before a host uploads a graph, so the recording's
// time 0 is put kAdcOriginMarginMs before the first conversion: a graph that reads every
// 40 ms from its start then samples each row in the middle of its hold, whatever the phase of
// the board's millisecond tick (tests/firmware/activity_parity.mjs explains the margin). Board
// time is the cycle count (16,000 cycles per ms, as the generic firmware's Timer0 counts).
// Counts are sent as ceil(c * 5000 / 1023) mV against AVCC = 5 V, which simavr turns back into
// exactly c. --adc-from MS starts the feed MS into the recording (a multiple of the graph's
// window, so the board's windows line up with the native run's from that time on).
//
// --eeprom FILE: the EEPROM is read from FILE (when it exists) and written back when the board
// stops (SIGTERM, SIGINT, the time is up or stdin closed), so a power cycle is this harness
// started again with the same file.
//
// The board runs at about real time (16 MHz of simulated cycles per wall second, or slower on
// a loaded machine), so the bootloaders' timeouts behave as on a real board.
//
// Usage: bootloader_board HEX [--mcu atmega328p|atmega2560] [--app FIRMWARE.hex] [--seconds N]
//                         [--eeprom FILE] [--control-stdin] [--ds18b20 PIN [--ds18b20-wave L:H:P]]
//                         [--adc FILE [--adc-from MS]]
//   prints "pty /dev/pts/N" on stdout once the line is ready; runs N wall seconds (default 60)
//   or until it is stopped; exits 0.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <simavr/avr_adc.h>
#include <simavr/avr_eeprom.h>
#include <simavr/avr_uart.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_io.h>
#include <simavr/sim_irq.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "../board/adc_recording.h"
#include "../board/ds18b20_device.h"

namespace {

constexpr uint32_t kHz = 16000000;
constexpr uint16_t kMcusr = 0x54;         // MCUSR's data-space address (ATmega328P and ATmega2560)
constexpr uint8_t kExternalReset = 0x02;  // EXTRF: what Optiboot waits for to stay in the loader

volatile sig_atomic_t stopRequested = 0;
void onStopSignal(int) {
  stopRequested = 1;
}

struct Line {
  int master = -1;
  bool inputReady = true;  // simavr's UART input FIFO has room (XON) or is full (XOFF)
  std::deque<uint8_t> toBoard;
  bool hostSeen = false;  // the host opened the line and sent something
};

void onUartOutput(avr_irq_t*, uint32_t value, void* param) {
  Line* line = static_cast<Line*>(param);
  const uint8_t byte = static_cast<uint8_t>(value);
  if (write(line->master, &byte, 1) < 0) {
    // The host is not reading (or closed the line): the byte is gone, as on a real wire.
  }
}
void onXon(avr_irq_t*, uint32_t, void* param) {
  static_cast<Line*>(param)->inputReady = true;
}
void onXoff(avr_irq_t*, uint32_t, void* param) {
  static_cast<Line*>(param)->inputReady = false;
}

// Intel HEX data records into flash (simavr's reader refuses Optiboot's type-03 start record);
// returns the lowest address written (the boot section's start), or -1 on a malformed file.
long loadHex(const char* path, uint8_t* flash, uint32_t flashSize) {
  std::ifstream in(path);
  std::string record;
  long lowest = -1;
  uint32_t base = 0;
  while (std::getline(in, record)) {
    if (!record.empty() && record.back() == '\r') record.pop_back();
    if (record.empty()) continue;
    if (record[0] != ':' || record.size() < 11) return -1;
    auto byteAt = [&](size_t i) { return std::stoi(record.substr(1 + 2 * i, 2), nullptr, 16); };
    const int count = byteAt(0), type = byteAt(3);
    const uint32_t address = base + ((byteAt(1) << 8) | byteAt(2));
    if (record.size() != size_t(11 + 2 * count)) return -1;
    if (type == 0x01) break;
    if (type == 0x02) base = ((byteAt(4) << 8) | byteAt(5)) * 16;
    if (type == 0x04) base = ((byteAt(4) << 8) | byteAt(5)) << 16;
    if (type != 0x00) continue;
    if (address + count > flashSize) {
      // Debian's optiboot_atmega328.hex carries 20 bytes at 0x8000, past the 32 KB a chip has
      // (its linker's view of the boot section); a programmer cannot write them either.
      std::fprintf(stderr, "bootloader_board: skipping %d bytes at 0x%x, beyond the flash\n", count,
                   address);
      continue;
    }
    for (int i = 0; i < count; ++i) flash[address + i] = static_cast<uint8_t>(byteAt(4 + i));
    if (lowest < 0 || address < uint32_t(lowest)) lowest = address;
  }
  return lowest;
}

bool openPty(Line* line, std::string* slaveName) {
  line->master = posix_openpt(O_RDWR | O_NOCTTY);
  if (line->master < 0 || grantpt(line->master) != 0 || unlockpt(line->master) != 0) return false;
  *slaveName = ptsname(line->master);
  // Raw mode on the slave side, so the host's bytes pass unchanged (no echo, no line editing).
  const int slave = open(slaveName->c_str(), O_RDWR | O_NOCTTY);
  if (slave < 0) return false;
  termios tio;
  tcgetattr(slave, &tio);
  cfmakeraw(&tio);
  tcsetattr(slave, TCSANOW, &tio);
  close(slave);
  fcntl(line->master, F_SETFL, fcntl(line->master, F_GETFL) | O_NONBLOCK);
  return true;
}

// Reset as the auto-reset circuit does: the CPU starts in the boot section, memories kept.
void resetIntoBootloader(avr_t* avr, uint32_t bootStart) {
  avr_reset(avr);
  avr->pc = bootStart;
  avr->data[kMcusr] = kExternalReset;
}

// The DS18B20's temperature: a triangle wave between `low` and `high` °C over `period` s of
// board time, sampled when a conversion starts and ready 750 ms later, as the part does.
class WaveSensor : public emflow::board::Ds18b20Sensor {
 public:
  WaveSensor(double low, double high, double periodSeconds)
      : low_(low), high_(high), periodCycles_(periodSeconds * kHz) {}
  void startConversion(emflow::board::Cycles now) override {
    const double phase = std::fmod(double(now), periodCycles_) / periodCycles_;
    const double celsius = low_ + (high_ - low_) * (phase < 0.5 ? 2 * phase : 2 - 2 * phase);
    sample_ = static_cast<int16_t>(std::lround(celsius * 16));
    readyAt_ = now + kHz / 1000 * 750;
    converting_ = true;
  }
  bool finishedReading(emflow::board::Cycles now, int16_t* raw) override {
    if (!converting_ || now < readyAt_) return false;
    *raw = sample_;
    return true;
  }

 private:
  double low_, high_, periodCycles_;
  int16_t sample_ = 0;
  emflow::board::Cycles readyAt_ = 0;
  bool converting_ = false;
};

// An Uno digital pin's registers (data-space addresses) and bit.
struct UnoPinRegisters {
  uint16_t pin, ddr, port;
  uint8_t mask;
};
bool unoPinRegisters(int pin, UnoPinRegisters* r) {
  if (pin >= 2 && pin <= 7)
    *r = {0x29, 0x2A, 0x2B, uint8_t(1u << pin)};
  else if (pin >= 8 && pin <= 13)
    *r = {0x23, 0x24, 0x25, uint8_t(1u << (pin - 8))};
  else
    return false;
  return true;
}

constexpr int64_t kAdcOriginMarginMs = 20;

// The recorded inputs, and where the board's time starts in them.
struct AdcFeed {
  avr_t* avr = nullptr;
  emflow_tests::AdcRecording recording;
  int64_t fromMs = 0;
  bool started = false;
  uint64_t originCycle = 0;
};

// A conversion starts: the recording's counts at this board time on the selected channel.
void onAdcTrigger(avr_irq_t*, uint32_t value, void* param) {
  AdcFeed* feed = static_cast<AdcFeed*>(param);
  unsigned channel;
  const bool single = emflow_tests::adcSingleChannel(value, &channel);
  if (!feed->started) {
    feed->started = true;
    feed->originCycle =
        feed->avr->cycle - uint64_t(feed->fromMs + kAdcOriginMarginMs) * (kHz / 1000);
  }
  const int64_t ms = int64_t((feed->avr->cycle - feed->originCycle) / (kHz / 1000));
  const uint32_t counts = feed->recording.countsAt(ms, channel);
  emflow_tests::putAdcCounts(feed->avr, channel, single ? counts : 0);
}

uint32_t eepromSize(const avr_t* avr) {
  return avr->e2end + 1;
}

// The EEPROM's contents from `path` (a missing file: a blank, erased EEPROM of 0xFF).
bool loadEeprom(avr_t* avr, const std::string& path) {
  std::vector<uint8_t> bytes(eepromSize(avr), 0xff);
  std::ifstream in(path, std::ios::binary);
  if (in) {
    in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(bytes.size()));
    if (size_t(in.gcount()) != bytes.size()) {
      std::fprintf(stderr, "bootloader_board: %s is not a %zu-byte EEPROM image\n", path.c_str(),
                   bytes.size());
      return false;
    }
  }
  // simavr 1.6 answers these two ioctls with -1 even when they worked: check by reading back.
  avr_eeprom_desc_t desc = {bytes.data(), 0, eepromSize(avr)};
  avr_ioctl(avr, AVR_IOCTL_EEPROM_SET, &desc);
  std::vector<uint8_t> check(bytes.size());
  avr_eeprom_desc_t read = {check.data(), 0, eepromSize(avr)};
  avr_ioctl(avr, AVR_IOCTL_EEPROM_GET, &read);
  return bytes == check;
}

bool saveEeprom(avr_t* avr, const std::string& path) {
  std::vector<uint8_t> bytes(eepromSize(avr));
  avr_eeprom_desc_t desc = {bytes.data(), 0, eepromSize(avr)};
  avr_ioctl(avr, AVR_IOCTL_EEPROM_GET, &desc);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  return bool(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: bootloader_board HEX [--mcu atmega328p|atmega2560] "
                 "[--app FIRMWARE.hex] [--seconds N] [--eeprom FILE] [--control-stdin]\n");
    return 2;
  }
  double seconds = 60;
  const char* mcu = "atmega328p";
  const char* app = nullptr;
  std::string eepromPath;
  bool controlStdin = false;
  int thermometerPin = -1;
  std::string adcPath;
  long long adcFromMs = 0;
  double waveLow = 0, waveHigh = 8, wavePeriod = 20;
  for (int i = 2; i < argc; ++i) {
    const bool hasValue = i + 1 < argc;
    if (std::strcmp(argv[i], "--seconds") == 0 && hasValue) {
      seconds = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--mcu") == 0 && hasValue) {
      mcu = argv[++i];
    } else if (std::strcmp(argv[i], "--app") == 0 && hasValue) {
      app = argv[++i];
    } else if (std::strcmp(argv[i], "--eeprom") == 0 && hasValue) {
      eepromPath = argv[++i];
    } else if (std::strcmp(argv[i], "--adc") == 0 && hasValue) {
      adcPath = argv[++i];
    } else if (std::strcmp(argv[i], "--adc-from") == 0 && hasValue) {
      adcFromMs = std::atoll(argv[++i]);
    } else if (std::strcmp(argv[i], "--ds18b20") == 0 && hasValue) {
      thermometerPin = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--ds18b20-wave") == 0 && hasValue) {
      if (std::sscanf(argv[++i], "%lf:%lf:%lf", &waveLow, &waveHigh, &wavePeriod) != 3 ||
          wavePeriod <= 0) {
        std::fprintf(stderr, "bootloader_board: --ds18b20-wave takes LOW:HIGH:PERIOD_S\n");
        return 2;
      }
    } else if (std::strcmp(argv[i], "--control-stdin") == 0) {
      controlStdin = true;
    } else {
      std::fprintf(stderr, "bootloader_board: unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  signal(SIGTERM, onStopSignal);
  signal(SIGINT, onStopSignal);
  avr_t* avr = avr_make_mcu_by_name(mcu);
  if (!avr || avr_init(avr) != 0) {
    std::fprintf(stderr, "bootloader_board: simavr has no %s\n", mcu);
    return 1;
  }
  avr->frequency = kHz;
  avr->log = LOG_ERROR;
  const long bootStart = loadHex(argv[1], avr->flash, avr->flashend + 1);
  if (bootStart < 0) {
    std::fprintf(stderr, "bootloader_board: %s is not an Intel HEX file for this flash\n", argv[1]);
    return 1;
  }
  if (app && loadHex(app, avr->flash, avr->flashend + 1) < 0) {
    std::fprintf(stderr, "bootloader_board: %s is not an Intel HEX file for this flash\n", app);
    return 1;
  }
  avr->codeend = avr->flashend;  // the application section may be written (SPM)
  // This loop paces board time to the wall clock itself; simavr's own pacing of a sleeping CPU
  // (a usleep per sleep, far longer than asked on a loaded machine) would make a firmware that
  // sleeps between ticks (the generic firmware) run many times slower than real time.
  avr->sleep = [](avr_t*, avr_cycle_count_t) {};
  avr->reset_pc = bootStart;  // BOOTRST: resets start the bootloader
  avr->pc = bootStart;
  avr->data[kMcusr] = kExternalReset;  // as after the DTR pulse
  if (!eepromPath.empty() && !loadEeprom(avr, eepromPath)) return 1;
  UnoPinRegisters bus{};
  if (thermometerPin >= 0 &&
      (std::strcmp(mcu, "atmega328p") != 0 || !unoPinRegisters(thermometerPin, &bus))) {
    std::fprintf(stderr, "bootloader_board: --ds18b20 takes an Uno pin, 2..13\n");
    return 2;
  }
  AdcFeed adc;
  adc.avr = avr;
  adc.fromMs = adcFromMs;
  if (!adcPath.empty()) {
    std::string error;
    if (!adc.recording.read(adcPath, &error)) {
      std::fprintf(stderr, "bootloader_board: %s\n", error.c_str());
      return 2;
    }
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_OUT_TRIGGER),
                            onAdcTrigger, &adc);
    // simavr converts against AVCC (the firmware's reference): 5 V, as the counts assume.
    avr->vcc = avr->avcc = avr->aref = emflow_tests::kAdcAvccMillivolts;
  }
  WaveSensor sensor(waveLow, waveHigh, wavePeriod);
  emflow::board::Ds18b20Device thermometer({0x28, 0xAF, 0x1C, 0xB2, 0x04, 0x00, 0x00, 0x33},
                                           kHz / 1000000, &sensor);
  bool masterLow = false;

  Line line;
  std::string slave;
  if (!openPty(&line, &slave)) {
    std::fprintf(stderr, "bootloader_board: cannot open a pseudo-terminal\n");
    return 1;
  }
  uint32_t flags = 0;  // no console echo, no wall-clock sleep inside the UART
  avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT),
                          onUartOutput, &line);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XON), onXon,
                          &line);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XOFF), onXoff,
                          &line);
  avr_irq_t* input = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
  if (controlStdin) fcntl(STDIN_FILENO, F_SETFL, fcntl(STDIN_FILENO, F_GETFL) | O_NONBLOCK);
  std::string control;  // stdin: "reset" lines (the DTR stand-in)
  int resets = 0;

  std::printf("pty %s\n", slave.c_str());
  std::fflush(stdout);

  // Nothing runs until the host speaks (or resets the board): the loader's timeout must not
  // expire before it connects.
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  uint64_t cyclesAtStart = 0;
  auto runStart = std::chrono::steady_clock::now();
  while (elapsed() < seconds && !stopRequested) {
    if (controlStdin) {
      char command[64];
      const ssize_t got = read(STDIN_FILENO, command, sizeof command);
      if (got == 0) break;  // the parent closed stdin (or is gone): stop
      if (got > 0) control.append(command, size_t(got));
      for (size_t end; (end = control.find('\n')) != std::string::npos; control.erase(0, end + 1)) {
        if (control.compare(0, end, "reset") != 0) continue;
        resetIntoBootloader(avr, uint32_t(bootStart));
        line.toBoard.clear();  // bytes in flight during a reset are lost, as on a board
        line.inputReady = true;
        std::printf("reset %d\n", ++resets);
        std::fflush(stdout);
        if (!line.hostSeen) {  // a reset is the host's doing too: the board runs from now on
          line.hostSeen = true;
          cyclesAtStart = avr->cycle;
          runStart = std::chrono::steady_clock::now();
        }
      }
    }
    uint8_t buffer[256];
    const ssize_t n = read(line.master, buffer, sizeof buffer);
    if (n > 0) {
      line.toBoard.insert(line.toBoard.end(), buffer, buffer + n);
      if (!line.hostSeen) {
        line.hostSeen = true;
        cyclesAtStart = avr->cycle;
        runStart = std::chrono::steady_clock::now();
      }
    }
    if (!line.hostSeen) {
      pollfd p = {line.master, POLLIN, 0};
      poll(&p, 1, 10);
      continue;
    }
    // About 1 ms of board time per round, then wait for the wall clock to catch up.
    const uint64_t until = avr->cycle + kHz / 1000;
    while (avr->cycle < until) {
      if (line.inputReady && !line.toBoard.empty()) {
        avr_raise_irq(input, line.toBoard.front());
        line.toBoard.pop_front();
      }
      const int state = avr_run(avr);
      if (state == cpu_Done || state == cpu_Crashed) {
        std::fprintf(stderr, "bootloader_board: the CPU stopped (state %d)\n", state);
        return 1;
      }
      if (thermometerPin >= 0) {
        // The 1-Wire bus: open drain, low if the master or the device pulls it.
        const bool low = (avr->data[bus.ddr] & bus.mask) && !(avr->data[bus.port] & bus.mask);
        if (low != masterLow) {
          masterLow = low;
          if (low) {
            thermometer.masterPullsLow(avr->cycle);
          } else {
            thermometer.masterReleases(avr->cycle);
          }
        }
        uint8_t& bits = avr->data[bus.pin];
        const bool high = !(masterLow || thermometer.pullsLow(avr->cycle));
        bits = high ? uint8_t(bits | bus.mask) : uint8_t(bits & ~bus.mask);
      }
    }
    const double boardSeconds = double(avr->cycle - cyclesAtStart) / kHz;
    const double wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();
    if (boardSeconds > wallSeconds) {
      std::this_thread::sleep_for(std::chrono::duration<double>(boardSeconds - wallSeconds));
    }
  }
  if (!eepromPath.empty() && !saveEeprom(avr, eepromPath)) {
    std::fprintf(stderr, "bootloader_board: cannot write the EEPROM to %s\n", eepromPath.c_str());
    return 1;
  }
  return 0;
}
