// Size-only model of the Ethos-U "mlw" weight codec as Vela 3.10 drives it.
//
// The encoder cuts the (already brick-ordered) weight stream into palette sections, picks a
// palette per section, searches Golomb-Rice parameters with a Viterbi-like pass and writes
// slices. Only the number of bits matters here, so no bit packing is done; the model follows
// the encoder's decisions exactly, so the byte counts agree with Vela's encoder byte for byte.
// See the research notes, section 3.4-3.5 ("mlw encoder").
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace inferscope::estimate {

// Reusable scratch for MlwSizer: no allocation per weight, and none at all once it has grown to
// the largest stream seen.
class MlwSizer {
 public:
  // Bits of the sections of `stream` (headers, palettes, weight and zero-run codes), without
  // the end-of-stream marker and padding. Values must lie in [-255, 255]; an empty stream has 0.
  //
  // With `paletteFreq` (512 counts, index value + 256) and a stream the section search leaves in
  // one piece, the palette is chosen from paletteFreq plus the stream's own counts instead: the
  // size of this stream when it is a part of a longer single-section stream with that histogram.
  std::int64_t sectionBits(std::span<const std::int16_t> stream, std::span<const std::int64_t> paletteFreq = {});

  // Bytes the encoder emits for `stream`: sections + 3-bit end marker, byte-aligned, padded to
  // a multiple of 16 bytes. 0 for an empty stream (Vela does not call the encoder then).
  std::int64_t encodedBytes(std::span<const std::int16_t> stream) {
    return stream.empty() ? 0 : bytesFromBits(sectionBits(stream));
  }
  static std::int64_t bytesFromBits(std::int64_t sectionBits) {
    std::int64_t bytes = (sectionBits + 3 + 7) / 8;
    return (bytes + 15) / 16 * 16;
  }

  // Restart positions found by the palette section search for the last stream (first is 0).
  std::span<const std::int32_t> lastSections() const { return restarts_; }
  // Bits of the last stream spent on palette headers (direct offset, size, width, entries).
  std::int64_t lastPaletteBits() const { return paletteBits_; }
  // Slices of the last stream, and the bits their chunk padding took.
  std::int64_t lastSlices() const { return slices_; }
  std::int64_t lastSlicePaddingBits() const { return slicePadding_; }
  // Whether the last sectionBits call used its paletteFreq.
  bool lastUsedPaletteFreq() const { return usedPaletteFreq_; }
  // Forgets the results kept of earlier streams (benchmarks of a first run use it).
  void clearMemo() { memo_.clear(); }

 private:
  struct Palette;
  void findSections(const std::int16_t* buf, std::int32_t n);
  std::int64_t sectionCost(const std::int16_t* buf, std::int32_t n, const std::int64_t* paletteFreq);
  std::int32_t searchWeights(std::int32_t n, std::int32_t uncompressedBits);
  std::int32_t searchRuns(std::int32_t n, std::int32_t nWeightSegments);

  std::int64_t paletteBits_ = 0;
  std::int64_t slices_ = 0;
  std::int64_t slicePadding_ = 0;
  bool usedPaletteFreq_ = false;
  std::vector<std::int32_t> restarts_;
  std::vector<std::int32_t> wsym_;     // weight symbols of one section
  std::vector<std::int32_t> zrun_;     // zero runs of one section (n_weights + 1)
  std::vector<std::uint16_t> wmask_;   // per step: configs that switched (scalar search)
  std::vector<std::uint8_t> wbest_;    // per step: best config before the step (scalar search)
  std::vector<std::uint8_t> wstate_;   // per step: search state before it (16 bytes; SSE2 search)
  std::vector<std::uint8_t> zmask_;
  std::vector<std::uint8_t> zbest_;
  std::vector<std::int32_t> wsegEnd_, zsegEnd_;  // segment ends (exclusive), in order
  std::vector<std::uint8_t> wsegCfg_, zsegCfg_;

  // Results of recent streams by content: an estimate sizes the same weight slice again for
  // several block configurations and slicings. Keyed by length and two independent 64-bit
  // hashes of the values and the palette histogram (a wrong hit has probability ~2^-128); no
  // copy of the stream is kept, since fresh memory costs a short-lived process page faults.
  struct Memo {
    std::uint64_t check = 0;
    std::size_t length = 0, freqLength = 0;
    std::vector<std::int32_t> restarts;
    std::int64_t bits = 0, paletteBits = 0, slices = 0, slicePadding = 0;
    bool usedPaletteFreq = false;
  };
  std::unordered_multimap<std::uint64_t, Memo> memo_;
};

}  // namespace inferscope::estimate
