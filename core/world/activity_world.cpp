#include "activity_world.h"

#include <cmath>
#include <cstdio>

namespace emflow::world {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = kPi / 180.0;
constexpr size_t kMaxSamples = 50 * 1000 * 1000;  // ~23 days at 25 Hz: beyond is a mistake

const char* const kNames[kActivityCount] = {"lying", "standing", "walking", "grazing",
                                            "ruminating"};

// A half-sine pulse of `width` seconds starting at 0: smooth, like a muscle jerk.
double pulse(double t, double width) {
  return (t >= 0 && t < width) ? std::sin(kPi * t / width) : 0.0;
}

}  // namespace

const char* activityName(Activity activity) {
  int i = static_cast<int>(activity);
  return i >= 0 && i < kActivityCount ? kNames[i] : "unknown";
}

bool parseActivity(const std::string& name, Activity* activity) {
  for (int i = 0; i < kActivityCount; ++i) {
    if (name == kNames[i]) {
      *activity = static_cast<Activity>(i);
      return true;
    }
  }
  return false;
}

// What one segment looks like: posture and rhythm, drawn once per segment.
struct ActivityGenerator::SegmentShape {
  Activity activity;
  double pitch;      // rad, nose down positive
  double roll;       // rad
  double rate;       // Hz: stride, bite or chew frequency
  double amplitude;  // g of the activity's main motion
  double phase;      // rad
  double swayHz;     // slow sway / breathing
};

ActivityGenerator::ActivityGenerator(const ActivityConfig& config)
    : config_(config), random_(config.seed) {}

double ActivityGenerator::gaussian() {
  // Sum of four uniforms: bell-shaped, bounded, no libm (same on every platform).
  double sum = random_.uniform() + random_.uniform() + random_.uniform() + random_.uniform();
  return (sum - 2.0) * 1.7320508075688772;  // unit variance: sqrt(12 / 4)
}

RandomSchedule::RandomSchedule(uint64_t seed) : random_(seed ^ 0x5EED5EEDull) {}

ActivitySegment RandomSchedule::next() {
  int activity = static_cast<int>(random_.uniform() * kActivityCount);
  if (activity == previous_) activity = (activity + 1) % kActivityCount;
  previous_ = activity;
  return {static_cast<Activity>(activity), 30.0 + random_.uniform() * 270.0};
}

std::vector<ActivitySegment> ActivityGenerator::randomSchedule(uint64_t seed, double totalS) {
  RandomSchedule random(seed);
  std::vector<ActivitySegment> schedule;
  double covered = 0;
  while (covered < totalS) {
    ActivitySegment segment = random.next();
    if (covered + segment.durationS > totalS) segment.durationS = totalS - covered;
    schedule.push_back(segment);
    covered += segment.durationS;
  }
  return schedule;
}

ActivityGenerator::SegmentShape ActivityGenerator::drawShape(Activity activity) {
  auto around = [&](double centre, double spread) {
    return centre + (random_.uniform() * 2 - 1) * spread;
  };
  SegmentShape s{activity, 0, 0, 0, 0, random_.uniform() * 2 * kPi, around(0.2, 0.1)};
  switch (activity) {
    case Activity::kLying:
      s.pitch = around(-10, 8) * kDeg;
      s.roll = (random_.uniform() < 0.5 ? -1 : 1) * around(32, 8) * kDeg;
      s.amplitude = 0.005;
      break;
    case Activity::kStanding:
      s.pitch = around(10, 8) * kDeg;
      s.roll = around(0, 5) * kDeg;
      s.amplitude = around(0.02, 0.008);
      break;
    case Activity::kWalking:
      s.pitch = around(25, 8) * kDeg;
      s.roll = around(0, 4) * kDeg;
      s.rate = around(1.0, 0.1);
      s.amplitude = around(0.2, 0.05);
      break;
    case Activity::kGrazing:
      s.pitch = around(65, 7) * kDeg;
      s.roll = around(0, 8) * kDeg;
      s.rate = around(1.0, 0.15);
      s.amplitude = around(0.3, 0.08);
      break;
    case Activity::kRuminating:
      s.pitch = around(5, 8) * kDeg;
      s.roll = around(0, 6) * kDeg;
      s.rate = around(1.0, 0.1);
      s.amplitude = around(0.04, 0.01);
      break;
  }
  return s;
}

bool ActivityGenerator::generate(const std::vector<ActivitySegment>& schedule,
                                 std::vector<AccelSample>* samples, std::string* error) {
  if (!checkRate(error)) return false;
  const double rate = config_.sampleRateHz;
  double total = 0;
  for (size_t i = 0; i < schedule.size(); ++i) {
    if (!(schedule[i].durationS > 0)) {
      *error = "segment " + std::to_string(i) + ": duration must be positive";
      return false;
    }
    total += schedule[i].durationS;
  }
  if (total * rate > kMaxSamples) {
    *error = "recording too long (" + std::to_string(static_cast<long long>(total * rate)) +
             " samples; at most " + std::to_string(kMaxSamples) + ")";
    return false;
  }
  for (const ActivitySegment& segment : schedule) appendSegment(segment, samples);
  return true;
}

bool ActivityGenerator::checkRate(std::string* error) const {
  const double rate = config_.sampleRateHz;
  if (!(rate >= 1 && rate <= 1000)) {
    *error = "sample rate must be between 1 and 1000 Hz";
    return false;
  }
  return true;
}

void ActivityGenerator::appendSegment(const ActivitySegment& segment,
                                      std::vector<AccelSample>* samples) {
  const double dt = 1.0 / config_.sampleRateHz;
  const double segmentStart = segmentStartS_;
  size_t index = nextIndex_;
  const SegmentShape shape = drawShape(segment.activity);
  // Discrete events of this segment, drawn as the samples advance.
  double nextEvent = 0.5 + random_.uniform();  // bite, step, head turn or bolus change
  double eventStart = -10;
  double eventLength = 0;
  bool chewing = true;
  double phase = shape.phase;
  for (;; ++index) {
    const double timeS = index * dt;
    const double t = timeS - segmentStart;
    if (t >= segment.durationS) break;
    double pitch = shape.pitch, roll = shape.roll;
    double ax = 0, ay = 0, az = 0;  // motion on top of gravity, g
    const double sway = std::sin(2 * kPi * shape.swayHz * t + shape.phase);
    phase += 2 * kPi * shape.rate * dt * (1 + 0.03 * gaussian());  // rhythm with jitter
    if (t >= nextEvent) {
      eventStart = t;
      switch (shape.activity) {
        case Activity::kLying:  // a slow head turn or raise
          eventLength = 2 + 2 * random_.uniform();
          nextEvent = t + 20 + 100 * random_.uniform();
          break;
        case Activity::kStanding:
          eventLength = 1.5 + random_.uniform();
          nextEvent = t + 10 + 30 * random_.uniform();
          break;
        case Activity::kWalking:
          eventLength = 0;
          nextEvent = t + 1e9;
          break;
        case Activity::kGrazing:  // the next bite; every ~15th is a step instead
          eventLength = random_.uniform() < 0.07 ? -1.2 : 0.15;
          nextEvent = t + (1 / shape.rate) * (0.8 + 0.4 * random_.uniform());
          break;
        case Activity::kRuminating:  // bolus: ~50 s of chewing, then a short pause
          chewing = !chewing;
          eventLength = chewing ? 0 : 0.4;
          nextEvent = t + (chewing ? 45 + 15 * random_.uniform() : 3 + 3 * random_.uniform());
          break;
      }
    }
    const double sinceEvent = t - eventStart;
    switch (shape.activity) {
      case Activity::kLying:
        pitch += 15 * kDeg * pulse(sinceEvent, eventLength);
        ay += shape.amplitude * sway;
        break;
      case Activity::kStanding:
        ay += shape.amplitude * sway;
        pitch += 12 * kDeg * pulse(sinceEvent, eventLength);
        break;
      case Activity::kWalking:
        az += shape.amplitude * std::sin(phase) + 0.35 * shape.amplitude * std::sin(2 * phase);
        ax += 0.5 * shape.amplitude * std::sin(2 * phase + 0.7);
        ay += 0.4 * shape.amplitude * std::sin(0.5 * phase);
        break;
      case Activity::kGrazing:
        if (eventLength > 0) {  // a bite: head tears up and back
          const double jerk = shape.amplitude * pulse(sinceEvent, eventLength);
          ax -= jerk;
          az += 0.6 * jerk;
        } else if (sinceEvent < -eventLength) {  // a step forward, head stays down
          az += 0.15 * std::sin(2 * kPi * sinceEvent / -eventLength);
          pitch -= 10 * kDeg * pulse(sinceEvent, -eventLength);
        }
        ay += 0.02 * sway;
        break;
      case Activity::kRuminating:
        if (chewing) {
          ay += shape.amplitude * std::sin(phase);
          az += 0.5 * shape.amplitude * std::sin(phase + 1.1);
        } else {  // swallow and regurgitation: one soft jolt
          az += 0.08 * pulse(sinceEvent, eventLength);
        }
        break;
    }
    AccelSample s;
    s.timeS = timeS;
    s.x = -std::sin(pitch) + ax + config_.noiseG * gaussian();
    s.y = std::cos(pitch) * std::sin(roll) + ay + config_.noiseG * gaussian();
    s.z = std::cos(pitch) * std::cos(roll) + az + config_.noiseG * gaussian();
    s.activity = segment.activity;
    samples->push_back(s);
  }
  nextIndex_ = index;
  segmentStartS_ = segmentStart + segment.durationS;
}

std::string ActivityGenerator::toCsv(const std::vector<AccelSample>& samples) {
  std::string csv = "time_s,x_g,y_g,z_g,activity\n";
  char line[96];
  for (const AccelSample& s : samples) {
    std::snprintf(line, sizeof line, "%.3f,%.4f,%.4f,%.4f,%s\n", s.timeS, s.x, s.y, s.z,
                  activityName(s.activity));
    csv += line;
  }
  return csv;
}

ActivityWorld::ActivityWorld(VirtualIO& io, const ActivityConfig& config,
                             std::vector<ActivitySegment> schedule)
    : io_(io),
      generator_(config),
      endless_(false),
      schedule_(config.seed),
      sampleRateHz_(config.sampleRateHz) {
  std::string error;
  if (!generator_.generate(schedule, &samples_, &error)) samples_.clear();
  io.setWorld(this);
  advanceTo(0);
}

ActivityWorld::ActivityWorld(VirtualIO& io, const ActivityConfig& config)
    : io_(io),
      generator_(config),
      endless_(true),
      schedule_(config.seed),
      sampleRateHz_(config.sampleRateHz) {
  std::string error;
  if (generator_.checkRate(&error)) generator_.appendSegment(schedule_.next(), &samples_);
  io.setWorld(this);
  advanceTo(0);
}

uint16_t ActivityWorld::adcCounts(double g) {
  const double volts = 1.65 + 0.33 * g;
  double counts = std::floor(volts / 5.0 * 1024.0);
  if (counts < 0) counts = 0;
  if (counts > 1023) counts = 1023;
  return static_cast<uint16_t>(counts);
}

size_t ActivityWorld::indexAt(TimeMs now) const {
  // Multiply first: now × rate is exact, so sample i starts exactly at i / rate seconds
  // (now / 1000 × 25 gives 28.999… for 1160 ms).
  return static_cast<size_t>(now * sampleRateHz_ / 1000.0);
}

const AccelSample& ActivityWorld::sampleAt(size_t index) const {
  if (index < firstIndex_) return samples_.front();
  index -= firstIndex_;
  return samples_[index < samples_.size() ? index : samples_.size() - 1];
}

void ActivityWorld::advanceTo(TimeMs now) {
  if (samples_.empty()) return;
  const size_t index = indexAt(now);
  // Endless: play on into the next segments, dropping the ones that are over.
  while (endless_ && index >= generator_.nextIndex()) {
    firstIndex_ = generator_.nextIndex();
    samples_.clear();
    generator_.appendSegment(schedule_.next(), &samples_);
  }
  current_ = sampleAt(index);
  io_.setAnalogInput(14, adcCounts(current_.x));
  io_.setAnalogInput(15, adcCounts(current_.y));
  io_.setAnalogInput(16, adcCounts(current_.z));
}

Activity ActivityWorld::activityAt(TimeMs now) const {
  if (samples_.empty()) return Activity::kStanding;
  return sampleAt(indexAt(now)).activity;
}

void ActivityWorld::sample(WorldValues* values) const {
  // The true activity (index into lying, standing, walking, grazing, ruminating) and the
  // acceleration the analog pins A0..A2 show, so a plot can put the truth next to the class a
  // Classify node predicts.
  values->push_back({"activity", static_cast<double>(current_.activity)});
  values->push_back({"accelXG", current_.x});
  values->push_back({"accelYG", current_.y});
  values->push_back({"accelZG", current_.z});
}

void ActivityWorld::appendTraceValues(std::string* row) const {
  uint16_t a[3] = {0, 0, 0};
  for (uint8_t i = 0; i < 3; ++i) io_.analogRead(static_cast<uint8_t>(14 + i), &a[i]);
  *row += ',';
  *row += activityName(activityAt(io_.timeMs()));
  for (uint16_t counts : a) *row += "," + std::to_string(counts);
}

}  // namespace emflow::world
