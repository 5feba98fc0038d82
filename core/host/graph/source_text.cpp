#include "host/graph/source_text.h"

#include <algorithm>

namespace emflow::graph {

namespace {

const char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

bool isContinuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

}  // namespace

std::string sanitizeUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    unsigned char lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) {
      out += static_cast<char>(lead);
      ++i;
      continue;
    }
    // Expected length and the allowed range of the second byte (WHATWG "UTF-8 decode").
    size_t need = 0;
    unsigned char lower = 0x80, upper = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      need = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      need = 2;
      if (lead == 0xE0) lower = 0xA0;
      if (lead == 0xED) upper = 0x9F;  // no surrogates in real UTF-8
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      need = 3;
      if (lead == 0xF0) lower = 0x90;
      if (lead == 0xF4) upper = 0x8F;
    } else {
      out += kReplacement;
      ++i;
      continue;
    }
    size_t j = i + 1;
    size_t seen = 0;
    bool valid = true;
    while (seen < need) {
      if (j >= bytes.size()) {
        valid = false;
        break;
      }
      unsigned char byte = static_cast<unsigned char>(bytes[j]);
      unsigned char lo = seen == 0 ? lower : 0x80;
      unsigned char hi = seen == 0 ? upper : 0xBF;
      if (byte < lo || byte > hi) {
        valid = false;
        break;
      }
      ++j;
      ++seen;
    }
    if (valid) {
      out.append(bytes.substr(i, j - i));
    } else {
      out += kReplacement;  // one replacement for the maximal valid prefix
    }
    i = j;
  }
  return out;
}

unsigned decodeUtf8At(std::string_view text, size_t pos, size_t* length) {
  unsigned char lead = static_cast<unsigned char>(text[pos]);
  size_t need = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
  if (pos + need >= text.size()) {
    *length = 1;
    return lead;
  }
  unsigned cp = need == 0   ? lead
                : need == 1 ? (lead & 0x1F)
                : need == 2 ? (lead & 0x0F)
                            : (lead & 0x07);
  for (size_t k = 1; k <= need; ++k) {
    unsigned char byte = static_cast<unsigned char>(text[pos + k]);
    if (!isContinuation(byte)) {
      *length = 1;
      return lead;
    }
    cp = (cp << 6) | (byte & 0x3F);
  }
  *length = need + 1;
  return cp;
}

void appendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t lineBreakAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  char c = text[pos];
  if (c == '\n' || c == '\r') return 1;
  // U+2028 and U+2029 are E2 80 A8 / E2 80 A9.
  if (static_cast<unsigned char>(c) == 0xE2 && pos + 2 < text.size() &&
      static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
      (static_cast<unsigned char>(text[pos + 2]) == 0xA8 ||
       static_cast<unsigned char>(text[pos + 2]) == 0xA9))
    return 3;
  return 0;
}

TextLocator::TextLocator(std::string_view text) : text_(text) {
  const size_t kCheckpointEvery = 256;
  lineStarts_.push_back(0);
  size_t pos = 0;
  int column = 1;
  size_t nextCheckpoint = kCheckpointEvery;
  while (pos < text.size()) {
    if (pos >= nextCheckpoint) {
      checkpoints_.push_back({pos, column});
      nextCheckpoint = pos + kCheckpointEvery;
    }
    size_t length = lineBreakAt(text, pos);
    if (length == 0) {
      unsigned cp = decodeUtf8At(text, pos, &length);
      column += cp >= 0x10000 ? 2 : 1;
      pos += length;
      continue;
    }
    if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') length = 2;
    pos += length;
    lineStarts_.push_back(pos);
    column = 1;
  }
}

SourceLocation TextLocator::locate(size_t offset) const {
  offset = std::min(offset, text_.size());
  // The '\n' of a "\r\n" pair already belongs to the next line, at column 1 (as PEG.js counts).
  if (offset > 0 && offset < text_.size() && text_[offset] == '\n' && text_[offset - 1] == '\r') {
    size_t line =
        std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset + 1) - lineStarts_.begin();
    return SourceLocation{static_cast<int>(line), 1};
  }
  size_t line =
      std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset) - lineStarts_.begin();
  size_t pos = lineStarts_[line - 1];
  int column = 1;
  // Start from the last checkpoint inside this line before the offset, if any.
  auto checkpoint =
      std::upper_bound(checkpoints_.begin(), checkpoints_.end(), offset,
                       [](size_t value, const Checkpoint& c) { return value < c.offset; });
  if (checkpoint != checkpoints_.begin()) {
    --checkpoint;
    if (checkpoint->offset > pos) {
      pos = checkpoint->offset;
      column = checkpoint->column;
    }
  }
  while (pos < offset) {
    size_t length = 1;
    unsigned cp = decodeUtf8At(text_, pos, &length);
    column += cp >= 0x10000 ? 2 : 1;
    pos += length;
  }
  return SourceLocation{static_cast<int>(line), column};
}

}  // namespace emflow::graph
