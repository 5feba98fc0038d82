#!/usr/bin/env python3
"""Where the flash of an AVR ELF goes, by group of source.

Every byte of .text is attributed through the debug line table (avr-objdump -dl), so code
that LTO inlined into main() is still counted where it was written; bytes without a line
(libgcc, avr-libc, PROGMEM tables, the vector table) go by symbol name. Prints one line per
group, largest first, and the total; with --symbols also the largest symbols.

Usage: size_groups.py ELF [--symbols N]
"""
import argparse
import collections
import re
import subprocess
import sys

# (group, pattern on the source file path) — first match wins.
FILE_GROUPS = [
    ("runtime (network, context, packet)", r"/runtime/"),
    ("components", r"/components/"),
    ("1-Wire + DS18B20", r"/(one_wire|ds18b20)\.(cpp|h)$|/util/delay\.h$"),
    ("IO class: pins, UART", r"/(arduino_io|avr_io|uart0|uno_pins)\.(cpp|h)$|/stdlib\.h$"),
    ("generated graph/app", r"/emflow_[a-z_]+\.(cpp|h)$|\.ino"),
    ("Arduino core", r"/cores/arduino/|/variants/"),
]
# (group, pattern on the symbol name) for bytes without line information.
SYMBOL_GROUPS = [
    ("float (libgcc/avr-libc)", r"^__(fp_|[a-z]+sf|fix|float)"),
    ("32-bit math (libgcc)", r"^__(u?divmod|mul|u?div|u?mod)[a-z]*[sd]i"),
    ("generated graph/app", r"^_ZN12_GLOBAL__N_1|kEdges|kInitials|kNodes|kUsedTypes|kBanner"),
    ("Arduino core", r"pin_to|_PGM$|^__vector|^__vectors|^__trampolines"),
    ("startup (crt)", r"^__(do_|ctors|dtors|init|bad_interrupt|stop_program)|^_exit|^exit"),
]


def disassembly(elf):
    return subprocess.run(
        ["avr-objdump", "-dl", "-j", ".text", elf], capture_output=True, text=True, check=True
    ).stdout


def attribute(text):
    """Yields (address, symbol, source file or None) per instruction."""
    symbol, source = None, None
    for line in text.splitlines():
        m = re.match(r"^([0-9a-f]+) <(.+)>:$", line)
        if m:
            symbol, source = m.group(2), None
            continue
        m = re.match(r"^(/\S+?):\d+( \(discriminator \d+\))?$", line)
        if m:
            source = m.group(1)
            continue
        m = re.match(r"^\s+([0-9a-f]+):\t", line)
        if m:
            yield int(m.group(1), 16), symbol, source


def group_of(symbol, source):
    if source:
        for name, pattern in FILE_GROUPS:
            if re.search(pattern, source):
                return name
        return "other source: " + source.rsplit("/", 1)[-1]
    for name, pattern in SYMBOL_GROUPS:
        if symbol and re.search(pattern, symbol):
            return name
    return "libc/libgcc other"


def text_end(elf):
    out = subprocess.run(["avr-size", "-A", elf], capture_output=True, text=True, check=True)
    for line in out.stdout.splitlines():
        parts = line.split()
        if parts and parts[0] == ".text":
            return int(parts[2]) + int(parts[1])
    raise SystemExit(elf + ": no .text section")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("elf")
    parser.add_argument("--symbols", type=int, default=0)
    args = parser.parse_args()
    rows = list(attribute(disassembly(args.elf)))
    end = text_end(args.elf)
    groups = collections.Counter()
    symbols = collections.Counter()
    for i, (address, symbol, source) in enumerate(rows):
        size = (rows[i + 1][0] if i + 1 < len(rows) else end) - address
        groups[group_of(symbol, source)] += size
        symbols[symbol] += size
    for name, size in groups.most_common():
        print("%6d  %s" % (size, name))
    print("%6d  total .text" % sum(groups.values()))
    for symbol, size in symbols.most_common(args.symbols):
        print("%6d  %s" % (size, symbol))
    return 0


if __name__ == "__main__":
    sys.exit(main())
