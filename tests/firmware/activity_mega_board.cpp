// The activity world on a simulated Arduino Mega 2560 (libsimavr's ATmega2560 at 16 MHz): runs
// an exported activity sketch and puts the world's ADC counts (`emflow run ... --adc ADC.csv`:
// time_ms,a0,a1,a2, each row holding until the next) on ADC channels 0..2, the channels of the
// Mega's A0..A2, at the board's own clock, as activity_parity.mjs does for the Uno on avr8js.
//
// The board's clock is its millis(): computed from the cycle count as the Arduino core's Timer0
// interrupt counts it (the same core code on both boards: an overflow every 64 * 256 cycles adds
// 1 ms and 3/125 ms of fraction). The world starts ORIGIN_MARGIN_MS before the `t=M` of the
// sketch's `graph: status 0 ...` line (activity_parity.mjs explains the margin).
//
// The recording reaches the ADC's channels as tests/board/adc_recording.h says (the channel
// converted is the one the firmware selects, so a pin map that sent A0 elsewhere reads another
// series).
//
// Output, one record a line, for activity_parity.mjs (BOARD_LOG mode):
//   line TEXT           a line the sketch printed on Serial
//   read CH MS COUNTS   a conversion of channel CH at board time MS (world time), and its counts
//   end CYCLES          the board stopped after CYCLES cycles (its run line, or it halted)
// Exit 1 with a message on stderr: unreadable input, a conversion before the graph started or
// past the recording, a crash, or neither a `t=RUN_MS run: delivered` line nor a halt within
// RUN_MS + 5 s.
//
// Usage: activity_mega_board FIRMWARE.elf ADC.csv RUN_MS
#include <simavr/avr_uart.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_elf.h>
#include <simavr/sim_io.h>
#include <simavr/sim_irq.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "../board/adc_recording.h"

namespace {

constexpr uint32_t kHz = 16000000;
constexpr int64_t kOriginMarginMs = 20;
constexpr uint64_t kCyclesPerTimer0Overflow = 64 * 256;

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "activity_mega_board: %s\n", message.c_str());
  std::exit(1);
}

// The Arduino core's millis() at this cycle (wiring.c's Timer0 overflow interrupt).
int64_t boardMillis(uint64_t cycles) {
  const uint64_t overflows = cycles / kCyclesPerTimer0Overflow;
  return static_cast<int64_t>(overflows + (3 * overflows) / 125);
}

struct Board {
  avr_t* avr = nullptr;
  emflow_tests::AdcRecording recording;
  bool started = false;
  int64_t originMs = 0;
  std::string pending;  // the serial line being received
  std::string endLine;
  bool finished = false;
};

void onUartByte(avr_irq_t*, uint32_t value, void* param) {
  Board* board = static_cast<Board*>(param);
  const char c = static_cast<char>(value & 0xFF);
  if (c == '\r') return;
  if (c != '\n') {
    board->pending += c;
    return;
  }
  std::printf("line %s\n", board->pending.c_str());
  unsigned nodes;
  long long t;
  if (std::sscanf(board->pending.c_str(), "graph: status 0 nodes %u t=%lld", &nodes, &t) == 2) {
    board->started = true;
    board->originMs = t - kOriginMarginMs;
  }
  if (board->pending.rfind(board->endLine, 0) == 0) board->finished = true;
  board->pending.clear();
}

// A conversion starts: put the world's counts for this board time on the selected channel.
void onAdcTrigger(avr_irq_t*, uint32_t value, void* param) {
  Board* board = static_cast<Board*>(param);
  unsigned channel;
  if (!emflow_tests::adcSingleChannel(value, &channel))
    fail("the sketch started a conversion that is not a single channel");
  if (!board->started)
    fail("the sketch converted channel " + std::to_string(channel) + " before its graph started");
  const int64_t ms = boardMillis(board->avr->cycle) - board->originMs;
  if (ms > board->recording.times.back() + 1000)
    fail("the board read channel " + std::to_string(channel) + " past the recording");
  // Channels 3..15 have no world signal: 0 V, reported so the comparison names the mix-up.
  const uint32_t counts = board->recording.countsAt(ms, channel);
  emflow_tests::putAdcCounts(board->avr, channel, counts);
  std::printf("read %u %lld %u\n", channel, static_cast<long long>(ms), counts);
}

// The sketch sleeps between ticks; simavr's default would wait that long in wall time.
void noWallSleep(avr_t*, avr_cycle_count_t) {}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) fail("usage: activity_mega_board FIRMWARE.elf ADC.csv RUN_MS");
  Board board;
  std::string error;
  if (!board.recording.read(argv[2], &error)) fail(error);
  const long runMs = std::strtol(argv[3], nullptr, 10);
  if (runMs <= 0) fail(std::string("RUN_MS must be a positive number of ms, got ") + argv[3]);
  board.endLine = "t=" + std::to_string(runMs) + " run: delivered ";

  elf_firmware_t firmware;
  std::memset(&firmware, 0, sizeof firmware);
  if (elf_read_firmware(argv[1], &firmware) != 0)
    fail(std::string(argv[1]) + ": cannot read the ELF file");
  board.avr = avr_make_mcu_by_name("atmega2560");
  if (!board.avr || avr_init(board.avr) != 0) fail("simavr has no atmega2560");
  avr_t* avr = board.avr;
  avr->log = LOG_ERROR;
  firmware.frequency = kHz;
  avr_load_firmware(avr, &firmware);
  avr->frequency = kHz;
  avr->vcc = avr->avcc = avr->aref = emflow_tests::kAdcAvccMillivolts;
  avr->sleep = noWallSleep;

  uint32_t flags = 0;  // no console echo, no wall-clock sleep while the firmware polls
  avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT),
                          onUartByte, &board);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_OUT_TRIGGER),
                          onAdcTrigger, &board);

  const uint64_t limit = static_cast<uint64_t>(runMs / 1000 + 5) * kHz;
  while (!board.finished) {
    const int state = avr_run(avr);
    // The sketch halts (sleep with interrupts off) after its run line: simavr says cpu_Done.
    // That line may carry a later t= than RUN_MS (a slow print before it); the comparison
    // decides, so the run ends here too.
    if (state == cpu_Done) break;
    if (state == cpu_Crashed) fail("the CPU crashed");
    if (avr->cycle > limit)
      fail("no \"" + board.endLine + "N\" line in " + std::to_string(limit / kHz) + " s");
  }
  std::printf("end %llu\n", static_cast<unsigned long long>(avr->cycle));
  return 0;
}
