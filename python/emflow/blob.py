"""The binary model container, packed exactly as core/ml/model_blob.h reads it.

Layout (little-endian): 16-byte header {magic "EMFM", version u8, kind u8, flags u8,
reserved u8, n_features u16, n_outputs u16, payload_size u32}, the payload, then the CRC-32
(zlib.crc32) of header + payload. See docs/model-format.md.
"""

import math
import struct
import zlib

# Model kinds (1-31 trees, 32-63 other families) come from the C++ header, generated.
from .engine_constants import (  # noqa: F401 (re-exported for trees.py and csv_format.py)
    KIND_GRADIENT_BOOSTING_CLASSIFIER,
    KIND_GRADIENT_BOOSTING_REGRESSOR,
    KIND_ISOLATION_FOREST,
    KIND_TREE_CLASSIFIER,
    KIND_TREE_REGRESSOR,
    MODEL_FORMAT_VERSION,
)

MAGIC = b"EMFM"
VERSION = MODEL_FORMAT_VERSION
HEADER = struct.Struct("<4sBBBBHHI")
FLAG_INT16 = 0x01


FLT_MAX = struct.unpack("<f", b"\xff\xff\x7f\x7f")[0]
INT16_MIN = -32768
INT16_MAX = 32767


class BlobError(ValueError):
    """A blob that does not follow the container format."""


def pack(kind, n_features, n_outputs, payload, int16=False):
    """Wraps a kind-specific payload into a checksummed container."""
    for name, value in (("n_features", n_features), ("n_outputs", n_outputs)):
        if not 1 <= value <= 0xFFFF:
            raise BlobError("%s=%d does not fit the container (1..65535)" % (name, value))
    if not 1 <= kind <= 63:
        raise BlobError("model kind %d outside 1..63" % kind)
    flags = FLAG_INT16 if int16 else 0
    header = HEADER.pack(MAGIC, VERSION, kind, flags, 0, n_features, n_outputs, len(payload))
    body = header + bytes(payload)
    return body + struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)


def unpack(data):
    """Checks a container and returns (kind, flags, n_features, n_outputs, payload)."""
    data = bytes(data)
    if len(data) < HEADER.size + 4:
        raise BlobError("blob of %d bytes is shorter than header + checksum" % len(data))
    magic, version, kind, flags, reserved, n_features, n_outputs, size = HEADER.unpack_from(data)
    if magic != MAGIC:
        raise BlobError("bad magic %r (expected %r)" % (magic, MAGIC))
    if version != VERSION:
        raise BlobError("format version %d, this reader knows %d" % (version, VERSION))
    if HEADER.size + size + 4 != len(data):
        raise BlobError("payload size %d does not match blob size %d" % (size, len(data)))
    (crc,) = struct.unpack_from("<I", data, HEADER.size + size)
    if crc != zlib.crc32(data[: HEADER.size + size]) & 0xFFFFFFFF:
        raise BlobError("checksum mismatch")
    return kind, flags, n_features, n_outputs, data[HEADER.size : HEADER.size + size]


# --- number formats --------------------------------------------------------------------------


def f32(value):
    """Rounds a Python float to the nearest float32 (what C++ `float` holds)."""
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return value
    if abs(value) > FLT_MAX:
        return math.copysign(math.inf, value)
    return struct.unpack("<f", struct.pack("<f", value))[0]


def f32_floor(value):
    """The largest float32 that is <= value, so that for every float32 x:
    x <= value  <=>  x <= f32_floor(value). Used for float tree thresholds."""
    value = float(value)
    if value >= FLT_MAX:
        return FLT_MAX
    if value <= -FLT_MAX:
        return -FLT_MAX
    rounded = f32(value)
    if rounded <= value:
        return rounded
    (bits,) = struct.unpack("<I", struct.pack("<f", rounded))
    if rounded > 0:
        bits -= 1
    elif bits == 0:  # +0.0 rounded up from a tiny negative: the smallest negative denormal
        bits = 0x80000001
    else:
        bits += 1  # negative: a larger magnitude is smaller
    return struct.unpack("<f", struct.pack("<I", bits))[0]


def int16_floor(value):
    """Threshold for int16 features: x <= value <=> x <= floor(value) for integers x.
    Clamped to the int16 range (a threshold above 32767 accepts every int16)."""
    value = float(value)
    if value >= INT16_MAX:
        return INT16_MAX
    if value < INT16_MIN:
        return INT16_MIN
    return int(math.floor(value))


def to_int16(value, where="feature"):
    """Checks that a feature value is an integer in int16 range and returns it as int."""
    number = float(value)
    if number != math.floor(number) or not INT16_MIN <= number <= INT16_MAX:
        raise ValueError("%s value %r is not an int16 integer" % (where, value))
    return int(number)


def pack_f32(values):
    return struct.pack("<%df" % len(values), *values)
