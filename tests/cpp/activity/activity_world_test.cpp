// The cow-halter accelerometer world: deterministic, each activity has its documented signal
// shape, and a recording is good enough to train a (deliberately simple) classifier.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "world/activity_world.h"

namespace emflow::world {
namespace {

struct Stats {
  double mean[3] = {0, 0, 0};
  double sd[3] = {0, 0, 0};
};

Stats statsOf(const std::vector<AccelSample>& s, size_t begin, size_t end) {
  Stats out;
  const double n = static_cast<double>(end - begin);
  for (size_t i = begin; i < end; ++i) {
    const double v[3] = {s[i].x, s[i].y, s[i].z};
    for (int a = 0; a < 3; ++a) out.mean[a] += v[a] / n;
  }
  for (size_t i = begin; i < end; ++i) {
    const double v[3] = {s[i].x, s[i].y, s[i].z};
    for (int a = 0; a < 3; ++a) out.sd[a] += (v[a] - out.mean[a]) * (v[a] - out.mean[a]) / n;
  }
  for (double& v : out.sd) v = std::sqrt(v);
  return out;
}

// Normalised autocorrelation of one axis at `lag` samples.
double autocorrelation(const std::vector<double>& v, size_t lag) {
  double mean = 0;
  for (double x : v) mean += x / v.size();
  double num = 0, den = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    den += (v[i] - mean) * (v[i] - mean);
    if (i + lag < v.size()) num += (v[i] - mean) * (v[i + lag] - mean);
  }
  return num / den;
}

std::vector<AccelSample> record(Activity activity, double seconds, uint64_t seed) {
  ActivityConfig config;
  config.seed = seed;
  ActivityGenerator generator(config);
  std::vector<AccelSample> samples;
  std::string error;
  EXPECT_TRUE(generator.generate({{activity, seconds}}, &samples, &error)) << error;
  return samples;
}

TEST(ActivityWorld, SameSeedSameRecordingOtherSeedDiffers) {
  auto schedule = ActivityGenerator::randomSchedule(7, 600);
  ActivityConfig config;
  config.seed = 7;
  std::vector<AccelSample> a, b, c;
  std::string error;
  ActivityGenerator(config).generate(schedule, &a, &error);
  ActivityGenerator(config).generate(schedule, &b, &error);
  config.seed = 8;
  ActivityGenerator(config).generate(schedule, &c, &error);
  ASSERT_EQ(a.size(), 600u * 25);
  EXPECT_EQ(ActivityGenerator::toCsv(a), ActivityGenerator::toCsv(b));
  EXPECT_NE(ActivityGenerator::toCsv(a), ActivityGenerator::toCsv(c));
  double covered = 0;
  for (const ActivitySegment& s : schedule) covered += s.durationS;
  EXPECT_DOUBLE_EQ(covered, 600);
}

TEST(ActivityWorld, PosturesFollowGravity) {
  Stats grazing = statsOf(record(Activity::kGrazing, 120, 1), 0, 3000);
  EXPECT_LT(grazing.mean[0], -0.75);  // head down: forward axis points at the ground
  EXPECT_LT(grazing.mean[2], 0.6);
  Stats lying = statsOf(record(Activity::kLying, 120, 2), 0, 3000);
  EXPECT_GT(std::fabs(lying.mean[1]), 0.3);  // body rolled
  Stats standing = statsOf(record(Activity::kStanding, 120, 3), 0, 3000);
  EXPECT_GT(standing.mean[2], 0.9);
  EXPECT_LT(std::fabs(standing.mean[1]), 0.15);
}

TEST(ActivityWorld, RhythmsHaveTheirFrequencyAndStrength) {
  // Walking: strong vertical bob at about 1 stride/s (lag 25 samples at 25 Hz).
  auto walking = record(Activity::kWalking, 60, 4);
  std::vector<double> z;
  for (const auto& s : walking) z.push_back(s.z);
  EXPECT_GT(statsOf(walking, 0, walking.size()).sd[2], 0.1);
  EXPECT_GT(autocorrelation(z, 25), 0.5);
  EXPECT_LT(autocorrelation(z, 12), 0.2);  // half a period is out of phase
  // Rumination: weak but periodic chewing on y, within the first bolus.
  auto chewing = record(Activity::kRuminating, 40, 5);
  std::vector<double> y;
  for (const auto& s : chewing) y.push_back(s.y);
  Stats st = statsOf(chewing, 0, chewing.size());
  EXPECT_GT(st.sd[1], 0.015);
  EXPECT_LT(st.sd[1], 0.06);
  EXPECT_GT(autocorrelation(y, 25), 0.4);
  // Lying is the stillest.
  auto lying = record(Activity::kLying, 60, 6);
  EXPECT_LT(statsOf(lying, 0, lying.size()).sd[2], 0.03);
}

// Window features → nearest centroid, trained on one seed, tested on another: the classes
// are separable enough for the sensor → model example.
TEST(ActivityWorld, ARecordingTrainsAClassifier) {
  auto features = [](const std::vector<AccelSample>& s, size_t begin) {
    Stats st = statsOf(s, begin, begin + 100);  // 4 s windows
    return std::vector<double>{st.mean[0],   st.mean[1],   st.mean[2],
                               3 * st.sd[0], 3 * st.sd[1], 3 * st.sd[2]};
  };
  auto dataset = [&](uint64_t seed) {
    std::vector<std::pair<std::vector<double>, int>> rows;
    ActivityConfig config;
    config.seed = seed;
    std::vector<AccelSample> s;
    std::string error;
    ActivityGenerator(config).generate(ActivityGenerator::randomSchedule(seed, 3600), &s, &error);
    for (size_t i = 0; i + 100 <= s.size(); i += 100) {
      if (s[i].activity != s[i + 99].activity) continue;  // windows across a change
      rows.push_back({features(s, i), static_cast<int>(s[i].activity)});
    }
    return rows;
  };
  auto train = dataset(11), test = dataset(12);
  std::map<int, std::vector<double>> centroid;
  std::map<int, int> count;
  for (const auto& r : train) {
    auto& c = centroid[r.second];
    c.resize(6);
    for (int k = 0; k < 6; ++k) c[k] += r.first[k];
    ++count[r.second];
  }
  ASSERT_EQ(centroid.size(), static_cast<size_t>(kActivityCount));
  for (auto& c : centroid)
    for (double& v : c.second) v /= count[c.first];
  int correct = 0;
  for (const auto& r : test) {
    int best = -1;
    double bestDistance = 1e9;
    for (const auto& c : centroid) {
      double d = 0;
      for (int k = 0; k < 6; ++k) d += (r.first[k] - c.second[k]) * (r.first[k] - c.second[k]);
      if (d < bestDistance) bestDistance = d, best = c.first;
    }
    correct += best == r.second;
  }
  const double accuracy = static_cast<double>(correct) / test.size();
  RecordProperty("accuracy", std::to_string(accuracy));
  EXPECT_GT(accuracy, 0.85) << "nearest-centroid accuracy " << accuracy;
}

TEST(ActivityWorld, BadInputIsAnError) {
  ActivityConfig config;
  config.sampleRateHz = 0;
  std::vector<AccelSample> s;
  std::string error;
  EXPECT_FALSE(ActivityGenerator(config).generate({{Activity::kLying, 10}}, &s, &error));
  EXPECT_NE(error.find("sample rate"), std::string::npos);
  config.sampleRateHz = 25;
  EXPECT_FALSE(ActivityGenerator(config).generate({{Activity::kLying, -1}}, &s, &error));
  EXPECT_NE(error.find("segment 0"), std::string::npos);
  EXPECT_FALSE(ActivityGenerator(config).generate({{Activity::kLying, 1e9}}, &s, &error));
  Activity a;
  EXPECT_TRUE(parseActivity("grazing", &a));
  EXPECT_EQ(a, Activity::kGrazing);
  EXPECT_FALSE(parseActivity("flying", &a));
}

TEST(ActivityWorld, DrivesAnAnalogAccelerometerOnAVirtualIO) {
  VirtualIO io;
  ActivityConfig config;
  ActivityWorld world(io, config, {{Activity::kGrazing, 10}, {Activity::kStanding, 10}});
  uint16_t x = 0, z = 0;
  io.advanceTo(5000);
  io.analogRead(14, &x);
  EXPECT_EQ(world.activityAt(5000), Activity::kGrazing);
  EXPECT_LT(x, ActivityWorld::adcCounts(-0.5));  // head down
  io.advanceTo(15000);
  io.analogRead(16, &z);
  EXPECT_EQ(world.activityAt(15000), Activity::kStanding);
  EXPECT_GT(z, ActivityWorld::adcCounts(0.8));
  EXPECT_EQ(ActivityWorld::adcCounts(0), 337);  // 1.65 V of 5 V in 10 bits
}

}  // namespace
}  // namespace emflow::world
