// The few C++ runtime hooks avr-gcc needs without libstdc++ (there is none for AVR here).
// IO has a virtual destructor, so its vtable names operator delete even though nothing is
// ever deleted (no heap on the board); an abstract class's vtable names __cxa_pure_virtual.
#include <stddef.h>

void operator delete(void*) {}
void operator delete(void*, size_t) {}

extern "C" void __cxa_pure_virtual() {
  for (;;) {
  }
}
