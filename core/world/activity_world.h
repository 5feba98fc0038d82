// The second virtual world: a 3-axis accelerometer on a cow's halter, producing labelled
// activity segments (lying, standing, walking, grazing, ruminating) for the sensor → model
// example. Seedable and deterministic: the same config and schedule give the same samples.
//
// Axes (sensor on the noseband/halter cheek piece): x forward along the head, y to the left,
// z up out of the head. Values in g; at rest the vector is gravity rotated by head pitch
// (nose down positive) and roll. What distinguishes the activities (literature values for
// dairy cows, e.g. accelerometer studies of grazing/rumination behaviour):
//
//   lying       head up (pitch ≈ -10°), body rolled (roll ≈ 25–40°), almost still;
//               slow head turns now and then
//   standing    head level (pitch ≈ 10°), slow sway 0.1–0.3 Hz, ~0.02 g
//   walking     head lowered (pitch ≈ 25°), gait ~0.9–1.1 strides/s: vertical bob at the
//               stride frequency (~0.2 g) with its 2nd harmonic, lateral sway at half of it
//   grazing     head down (pitch ≈ 60–70°), bites ~1 per second as sharp 0.15 s tear jerks
//               (~0.3 g), a step forward every 10–30 s
//   ruminating  head level, jaw chewing ~0.9–1.1 Hz at low amplitude (~0.04 g, mostly y/z),
//               in boluses of ~45–60 s separated by 3–6 s pauses (swallow, regurgitate)
//
// Every segment draws its own pitch, roll and rates around these values, and every sample
// gets sensor noise, so a classifier has to learn the shapes, not exact numbers.
//
// As a World on a VirtualIO it drives an ADXL335-style analog accelerometer on A0..A2
// (pins 14..16): 10-bit readings with a 5 V reference, zero g at 1.65 V, 330 mV/g.
#ifndef EMFLOW_WORLD_ACTIVITY_WORLD_H
#define EMFLOW_WORLD_ACTIVITY_WORLD_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "random.h"
#include "virtual_io.h"
#include "world.h"

namespace emflow::world {

enum class Activity : uint8_t { kLying = 0, kStanding, kWalking, kGrazing, kRuminating };
constexpr int kActivityCount = 5;

const char* activityName(Activity activity);  // "lying", ...
bool parseActivity(const std::string& name, Activity* activity);

struct ActivitySegment {
  Activity activity;
  double durationS;
};

struct AccelSample {
  double timeS;
  double x, y, z;  // g
  Activity activity;
};

struct ActivityConfig {
  uint64_t seed = 1;
  double sampleRateHz = 25.0;
  double noiseG = 0.015;  // RMS sensor noise per axis
};

// An endless seeded sequence of random segments (30 s to 5 min each, never the same activity
// twice in a row). randomSchedule() is its prefix, so a recording and a live world with the
// same seed see the same activities.
class RandomSchedule {
 public:
  explicit RandomSchedule(uint64_t seed);
  ActivitySegment next();

 private:
  Random random_;
  int previous_ = -1;
};

class ActivityGenerator {
 public:
  explicit ActivityGenerator(const ActivityConfig& config);

  // Random segments covering `totalS` (the last one cut to fit); see RandomSchedule.
  static std::vector<ActivitySegment> randomSchedule(uint64_t seed, double totalS);

  // Generates samples for the schedule at the configured rate. Returns false (with a reason)
  // for a bad config or schedule (non-positive durations or rate, too many samples).
  bool generate(const std::vector<ActivitySegment>& schedule, std::vector<AccelSample>* samples,
                std::string* error);

  // Streaming form: appends the samples of one more segment, continuing where the previous
  // call ended (the same samples generate() gives for the whole schedule). Call
  // checkRate() once first; `segment.durationS` must be positive.
  bool checkRate(std::string* error) const;
  void appendSegment(const ActivitySegment& segment, std::vector<AccelSample>* samples);
  // Index of the next sample appendSegment() will produce.
  size_t nextIndex() const { return nextIndex_; }

  // "time_s,x_g,y_g,z_g,activity" rows with a header; 4 decimals (0.1 mg).
  static std::string toCsv(const std::vector<AccelSample>& samples);

 private:
  struct SegmentShape;
  SegmentShape drawShape(Activity activity);
  AccelSample sampleAt(const SegmentShape& shape, double t, double timeS);
  double gaussian();

  ActivityConfig config_;
  Random random_;
  size_t nextIndex_ = 0;      // of the next sample, from the start of the recording
  double segmentStartS_ = 0;  // start of the next segment
};

// The generator as the world behind a VirtualIO's analog pins A0..A2.
//
// With a schedule, the recording is generated up front and holds its last sample after the
// end. Without one (the live world of the protocol runtime), it runs for ever on the seeded
// RandomSchedule of `config.seed`, generating one segment at a time and keeping only the
// segment being played, so memory stays bounded however long the simulation runs. Time only
// moves forward in that mode (advanceTo() is called with non-decreasing times).
class ActivityWorld : public World {
 public:
  ActivityWorld(VirtualIO& io, const ActivityConfig& config, std::vector<ActivitySegment> schedule);
  ActivityWorld(VirtualIO& io, const ActivityConfig& config);  // endless, seeded
  void advanceTo(TimeMs now) override;
  // World: the true activity (index) and the acceleration in g as samples; trace columns
  // activity,a0,a1,a2 (the activity's name and the ADC counts on A0..A2); the truth a
  // Classify node is scored against is the activity's index.
  void sample(WorldValues* values) const override;
  std::string traceHeader() const override { return ",activity,a0,a1,a2"; }
  void appendTraceValues(std::string* row) const override;
  int truthAt(TimeMs now) const override { return static_cast<int>(activityAt(now)); }
  // The activity at `now`: any time for a fixed schedule; for an endless world, times in the
  // segment being played (earlier times give its first sample, later ones its last).
  Activity activityAt(TimeMs now) const;
  // The true state the analog pins show now (the label a classifier should predict).
  const AccelSample& current() const { return current_; }
  // 10-bit ADC reading of an ADXL335 axis for `g`, as an Uno reads it.
  static uint16_t adcCounts(double g);

 private:
  size_t indexAt(TimeMs now) const;
  const AccelSample& sampleAt(size_t index) const;  // clamped to the samples held

  VirtualIO& io_;
  ActivityGenerator generator_;
  bool endless_;
  RandomSchedule schedule_;
  std::vector<AccelSample> samples_;  // from index firstIndex_
  size_t firstIndex_ = 0;
  double sampleRateHz_;
  AccelSample current_{};
};

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_ACTIVITY_WORLD_H
