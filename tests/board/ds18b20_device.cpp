#include "ds18b20_device.h"

namespace emflow::board {

namespace {

constexpr uint32_t kResetMinUs = 430;  // 480 us nominal; a little slack for the master's loop
constexpr uint32_t kPresenceDelayUs = 30;
constexpr uint32_t kPresenceUs = 120;
constexpr uint32_t kWriteOneMaxUs = 15;
constexpr uint32_t kReadZeroHoldUs = 30;

constexpr uint8_t kMatchRom = 0x55, kSkipRom = 0xCC, kReadRom = 0x33, kSearchRom = 0xF0;
constexpr uint8_t kConvertT = 0x44, kReadScratchpad = 0xBE;

}  // namespace

uint8_t dallasCrc8(const uint8_t* data, size_t length) {
  uint8_t crc = 0;
  for (size_t i = 0; i < length; ++i) {
    for (uint8_t bit = 0; bit < 8; ++bit) {
      const bool feedback = ((crc ^ (data[i] >> bit)) & 1) != 0;
      crc = static_cast<uint8_t>(crc >> 1);
      if (feedback) crc ^= 0x8C;
    }
  }
  return crc;
}

Ds18b20Device::Ds18b20Device(const std::array<uint8_t, 8>& rom, uint32_t cyclesPerMicrosecond,
                             Ds18b20Sensor* sensor)
    : rom_(rom), cyclesPerUs_(cyclesPerMicrosecond), sensor_(sensor) {}

void Ds18b20Device::masterPullsLow(Cycles now) {
  if (masterLow_) return;
  masterLow_ = true;
  fallAt_ = now;
  if (state_ == State::kSending) {
    // A read slot: a 0 holds the line low past the master's sample point.
    const bool bit = (sending_[sentBits_ / 8] >> (sentBits_ % 8)) & 1;
    if (!bit) {
      lowFrom_ = now;
      lowUntil_ = now + us(kReadZeroHoldUs);
    }
    if (++sentBits_ == sendBits_) state_ = State::kIdle;
  }
  if (state_ == State::kSearch && searchSlot_ < 2) {
    // The bit (slot 0) or its complement (slot 1), sent as in a read slot.
    const bool bit = romBit(searchBit_) != (searchSlot_ == 1);
    if (!bit) {
      lowFrom_ = now;
      lowUntil_ = now + us(kReadZeroHoldUs);
    }
  }
}

void Ds18b20Device::masterReleases(Cycles now) {
  if (!masterLow_) return;
  masterLow_ = false;
  const Cycles lowFor = now - fallAt_;
  if (lowFor >= us(kResetMinUs)) {
    ++stats_.resets;
    ++stats_.presencePulses;
    lowFrom_ = now + us(kPresenceDelayUs);
    lowUntil_ = lowFrom_ + us(kPresenceUs);
    state_ = State::kRomCommand;
    bitCount_ = 0;
    byte_ = 0;
    return;
  }
  if (state_ == State::kSearch) {
    if (searchSlot_ < 2) {
      ++searchSlot_;
    } else {
      onSearchDirection(lowFor < us(kWriteOneMaxUs));
    }
    return;
  }
  if (state_ == State::kRomCommand || state_ == State::kMatchRom || state_ == State::kFunction)
    onBitWritten(now, lowFor < us(kWriteOneMaxUs));
}

void Ds18b20Device::onSearchDirection(bool direction) {
  if (direction != romBit(searchBit_)) {
    state_ = State::kIdle;  // the master follows another device: silent until a reset
    return;
  }
  searchSlot_ = 0;
  if (++searchBit_ < 64) return;
  ++stats_.searches;
  state_ = State::kFunction;
}

void Ds18b20Device::onBitWritten(Cycles now, bool bit) {
  if (bit) byte_ |= static_cast<uint8_t>(1u << bitCount_);
  if (++bitCount_ < 8) return;
  const uint8_t byte = byte_;
  bitCount_ = 0;
  byte_ = 0;
  onByteWritten(now, byte);
}

void Ds18b20Device::onByteWritten(Cycles now, uint8_t byte) {
  switch (state_) {
    case State::kRomCommand:
      if (byte == kMatchRom) {
        state_ = State::kMatchRom;
        receivedCount_ = 0;
      } else if (byte == kSkipRom) {
        state_ = State::kFunction;
      } else if (byte == kReadRom) {
        startSending(rom_.data(), 8);
      } else if (byte == kSearchRom) {
        state_ = State::kSearch;
        searchBit_ = 0;
        searchSlot_ = 0;
      } else {
        ++stats_.unsupported;
        state_ = State::kIdle;
      }
      break;
    case State::kMatchRom:
      received_[receivedCount_++] = byte;
      if (receivedCount_ == 8) {
        bool same = true;
        for (size_t i = 0; i < 8; ++i) same = same && received_[i] == rom_[i];
        if (same) {
          ++stats_.matchedRoms;
          state_ = State::kFunction;
        } else {
          ++stats_.otherRoms;
          state_ = State::kIdle;
        }
      }
      break;
    case State::kFunction:
      if (byte == kConvertT) {
        ++stats_.conversions;
        sensor_->startConversion(now);
        state_ = State::kIdle;
      } else if (byte == kReadScratchpad) {
        ++stats_.scratchpadReads;
        int16_t raw;
        if (sensor_->finishedReading(now, &raw)) {
          scratchpadRaw_ = raw;
        } else {
          ++stats_.staleReads;
        }
        const uint16_t bits = static_cast<uint16_t>(scratchpadRaw_);
        // Temperature LSB/MSB, TH, TL (the factory alarm limits), configuration (12 bits),
        // three reserved bytes, CRC.
        uint8_t pad[9] = {static_cast<uint8_t>(bits & 0xFF),
                          static_cast<uint8_t>(bits >> 8),
                          0x4B,
                          0x46,
                          0x7F,
                          0xFF,
                          0x0C,
                          0x10,
                          0};
        pad[8] = dallasCrc8(pad, 8);
        startSending(pad, 9);
      } else {
        ++stats_.unsupported;
        state_ = State::kIdle;
      }
      break;
    case State::kIdle:
    case State::kSending:
    case State::kSearch:
      break;
  }
}

void Ds18b20Device::startSending(const uint8_t* bytes, uint8_t count) {
  for (uint8_t i = 0; i < count; ++i) sending_[i] = bytes[i];
  sendBits_ = static_cast<uint8_t>(count * 8);
  sentBits_ = 0;
  state_ = State::kSending;
}

}  // namespace emflow::board
