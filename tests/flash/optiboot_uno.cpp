// An Arduino Uno with its real bootloader, for flashing tests: libsimavr runs Debian's
// optiboot_atmega328.hex (STK500v1, 115200 baud) from the boot section, as a board does right
// after the DTR pulse of an upload, and bridges USART0 to a pseudo-terminal. A host program
// opens that pty like /dev/ttyACM0, flashes a firmware through Optiboot (simavr implements SPM),
// and when Optiboot's watchdog starts the application, keeps talking to it on the same line.
//
// The board runs at about real time (16 MHz of simulated cycles per wall second, or slower on
// a loaded machine), so Optiboot's 1 s watchdog behaves as on a real board.
//
// Usage: optiboot_uno OPTIBOOT.hex [--seconds N]
//   prints "pty /dev/pts/N" on stdout once the line is ready; runs N wall seconds (default 60)
//   or until the host closes the line after using it; exits 0.
#include <fcntl.h>
#include <poll.h>
#include <simavr/avr_uart.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_io.h>
#include <simavr/sim_irq.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <string>
#include <thread>

namespace {

constexpr uint32_t kHz = 16000000;
constexpr uint16_t kMcusr = 0x54;         // MCUSR's data-space address on the ATmega328P
constexpr uint8_t kExternalReset = 0x02;  // EXTRF: what Optiboot waits for to stay in the loader

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
    if (type != 0x00) continue;
    if (address + count > flashSize) {
      // Debian's optiboot_atmega328.hex carries 20 bytes at 0x8000, past the 32 KB a chip has
      // (its linker's view of the boot section); a programmer cannot write them either.
      std::fprintf(stderr, "optiboot_uno: skipping %d bytes at 0x%x, beyond the flash\n", count,
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: optiboot_uno OPTIBOOT.hex [--seconds N]\n");
    return 2;
  }
  double seconds = 60;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[++i]);
  }
  avr_t* avr = avr_make_mcu_by_name("atmega328p");
  if (!avr || avr_init(avr) != 0) {
    std::fprintf(stderr, "optiboot_uno: simavr has no atmega328p\n");
    return 1;
  }
  avr->frequency = kHz;
  avr->log = LOG_ERROR;
  // This loop paces board time to the wall clock itself; simavr's own pacing of a sleeping CPU
  // (a usleep per sleep, far longer than asked on a loaded machine) would make a firmware that
  // sleeps between ticks (the generic firmware) run many times slower than real time.
  avr->sleep = [](avr_t*, avr_cycle_count_t) {};
  const long bootStart = loadHex(argv[1], avr->flash, avr->flashend + 1);
  if (bootStart < 0) {
    std::fprintf(stderr, "optiboot_uno: %s is not an Intel HEX file for this flash\n", argv[1]);
    return 1;
  }
  avr->codeend = avr->flashend;  // the application section may be written (SPM)
  avr->reset_pc = bootStart;     // BOOTRST: resets start the bootloader
  avr->pc = bootStart;
  avr->data[kMcusr] = kExternalReset;  // as after the DTR pulse

  Line line;
  std::string slave;
  if (!openPty(&line, &slave)) {
    std::fprintf(stderr, "optiboot_uno: cannot open a pseudo-terminal\n");
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

  std::printf("pty %s\n", slave.c_str());
  std::fflush(stdout);

  // Nothing runs until the host speaks: the loader's 1 s must not expire before it connects.
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  uint64_t cyclesAtStart = 0;
  auto runStart = std::chrono::steady_clock::now();
  while (elapsed() < seconds) {
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
        std::fprintf(stderr, "optiboot_uno: the CPU stopped (state %d)\n", state);
        return 1;
      }
    }
    const double boardSeconds = double(avr->cycle - cyclesAtStart) / kHz;
    const double wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();
    if (boardSeconds > wallSeconds) {
      std::this_thread::sleep_for(std::chrono::duration<double>(boardSeconds - wallSeconds));
    }
  }
  return 0;
}
