// emflow never allocates on the board, yet IO's virtual destructor makes every IO vtable name
// operator delete, and the Arduino core's delete calls free(), which links malloc and free:
// 578 B of flash (measured on the exported fridge sketch). These weak definitions keep the
// heap out; a sketch that uses `new` links the core's new.cpp, whose strong ones then win.
__attribute__((weak)) void operator delete(void*) {}
