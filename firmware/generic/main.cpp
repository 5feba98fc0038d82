// The generic firmware: every component of the library, the runtime and the board's end of the
// serial link (docs/serial-link.md) on AvrIO. A host loads graphs over the link — no compiler
// and no reflashing per graph — and the board keeps the last one in EEPROM and runs it after
// every reset. Built per board by firmware/generic/build.sh; the web app ships the .hex files.
//
// Boot: a log frame with the banner, then the stored graph (if any) is applied and started.
// Loop: received bytes go to the session (frames → uploads, live edits, answers); the network
// runs; watched edges and network errors go out as frames. When the network is idle, the CPU
// sleeps (idle mode) until its next wake-up is due or a byte arrives: Timer0's millisecond tick
// and the receiver's interrupt wake it, and between due times a tick costs only the check.
// Nothing changes but the wasted cycles (every wake-up time is a whole millisecond, and the
// tick wakes the loop at each one); a simulator that skips sleeping cycles (the virtual Uno)
// runs the board many times faster for it.
#include <avr/interrupt.h>
#include <avr/pgmspace.h>
#include <avr/sleep.h>
#include <avr/wdt.h>

#include "avr_io.h"
#include "components/library.h"
#include "eeprom_storage.h"
#include "link/session.h"
#include "ml/model_area.h"
#include "runtime/network.h"
#include "uart0.h"
#include "uart0_rx.h"

#if defined(__AVR_ATmega2560__)
#define EMFLOW_LINK_BOARD emflow::kLinkBoardMega2560
#define EMFLOW_BANNER "emflow generic firmware 1 mega2560"
#else
#define EMFLOW_LINK_BOARD emflow::kLinkBoardUno
#define EMFLOW_BANNER "emflow generic firmware 1 uno"
#endif

namespace {

emflow::AvrIO io;
emflow::Network network(io);
emflow::EepromStorage eeprom;

void sendByte(uint8_t byte, void*) {
  emflow::uart0::putByte(byte);
}

#if defined(EMFLOW_MODEL_AREA_BYTES) && EMFLOW_MODEL_AREA_BYTES > 0
// The model area (core/ml/model_area.h, docs/serial-link.md "Models in flash"): erased flash in
// the image, first in the `.progmem.gcc*` input sections that the linker puts right after the
// interrupt vectors, page-aligned. There, and only there, the host can rewrite it through
// the STK500v2 bootloader without a full reflash: the bootloader erases pages in order from 0
// whatever address it writes, so the host rewrites the pages before the area as they are —
// one page, the vectors' — and then the area's. Below 64 KB, the model engine's 16-bit
// pgm_read_byte reads it in place. The host asks where it is (the link's ModelArea query).
#define EMFLOW_FF4 0xFF, 0xFF, 0xFF, 0xFF
#define EMFLOW_FF16 EMFLOW_FF4, EMFLOW_FF4, EMFLOW_FF4, EMFLOW_FF4
#define EMFLOW_FF64 EMFLOW_FF16, EMFLOW_FF16, EMFLOW_FF16, EMFLOW_FF16
#define EMFLOW_FF256 EMFLOW_FF64, EMFLOW_FF64, EMFLOW_FF64, EMFLOW_FF64
#define EMFLOW_FF1K EMFLOW_FF256, EMFLOW_FF256, EMFLOW_FF256, EMFLOW_FF256
#define EMFLOW_FF8K                                                                          \
  EMFLOW_FF1K, EMFLOW_FF1K, EMFLOW_FF1K, EMFLOW_FF1K, EMFLOW_FF1K, EMFLOW_FF1K, EMFLOW_FF1K, \
      EMFLOW_FF1K
static_assert(EMFLOW_MODEL_AREA_BYTES == 8192, "the initializer below is 8 KB of 0xFF");
__attribute__((used, aligned(SPM_PAGESIZE), section(".progmem.gcc_emflow_models")))
const uint8_t modelArea[EMFLOW_MODEL_AREA_BYTES] = {EMFLOW_FF8K};
emflow::ModelAreaInfo modelAreaInfo;
const emflow::LinkModelArea modelAreaLink = {reinterpret_cast<uint16_t>(modelArea),
                                             EMFLOW_MODEL_AREA_BYTES, SPM_PAGESIZE, &modelAreaInfo};
#define EMFLOW_MODEL_AREA_LINK (&modelAreaLink)
#else
#define EMFLOW_MODEL_AREA_LINK 0
#endif

emflow::LinkSession session(network, eeprom, sendByte, 0,
                            {EMFLOW_LINK_BOARD, emflow::kComponentCount, EMFLOW_MODEL_AREA_LINK});

// Sleeps until a byte waits or the network's next wake-up is due (`timed` false: no wake-up,
// only a byte ends it). Interrupts are off between each check and SLEEP, so an interrupt that
// comes in between cannot be slept through: SEI's effect waits one instruction, so SLEEP runs
// first and the pending interrupt wakes it at once.
void sleepUntilDue(bool timed, emflow::TimeMs due) {
  for (;;) {
    cli();
    if (emflow::uart0::byteWaiting()) break;
    if (timed && static_cast<int32_t>(due - io.timeMs()) <= 0) break;
    sleep_enable();
    sei();
    sleep_cpu();
    sleep_disable();
  }
  sei();
}

}  // namespace

int main() {
  // A watchdog reset leaves the watchdog running (and the Uno's bootloader starts the firmware
  // by one): without this, the board would reset every 16 ms. Found on simavr after a flash
  // through Optiboot (tests/flash).
  MCUSR = 0;
  wdt_disable();
  io.begin();
  emflow::uart0::beginReceive();
  session.log(EMFLOW_BANNER);
#if defined(EMFLOW_MODEL_AREA_BYTES) && EMFLOW_MODEL_AREA_BYTES > 0
  // Before the stored graph: its model nodes open their models from the store at start.
  emflow::modelAreaLoad(modelArea, EMFLOW_MODEL_AREA_BYTES, emflow::kMemoryFlash, &modelAreaInfo);
#endif
  session.boot();
  set_sleep_mode(SLEEP_MODE_IDLE);  // timers and the USART keep running, and wake the CPU
  for (;;) {
    uint8_t byte;
    while (emflow::uart0::takeByte(&byte)) session.receive(byte);
    if (network.run() != emflow::kOk) continue;  // work left: no sleep
    emflow::TimeMs due = 0;
    const bool timed = network.nextWakeup(&due);
    sleepUntilDue(timed, due);
  }
}
