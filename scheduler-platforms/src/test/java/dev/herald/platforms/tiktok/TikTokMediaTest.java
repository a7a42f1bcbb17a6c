package dev.herald.platforms.tiktok;

import static dev.herald.platforms.tiktok.TikTokHarness.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platforms.internal.Mp4Duration;
import dev.herald.platforms.testing.FakeTikTok;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.PublishResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunk plan of the Media Transfer Guide, and the duration read from an MP4's header. */
class TikTokMediaTest {

  @TempDir Path dir;

  @Test
  void theGuidesExampleCutsFiveChunksTheLastAbsorbingTheRemainder() {
    ChunkPlan plan = ChunkPlan.of(50_000_123, 10_000_000);

    assertThat(plan).isEqualTo(new ChunkPlan(50_000_123, 10_000_000, 5));
    assertThat(plan.first(4)).isEqualTo(40_000_000);
    assertThat(plan.last(4)).isEqualTo(50_000_122);
    assertThat(plan.last(3)).isEqualTo(39_999_999);
    assertThat(plan.indexOf(49_000_000)).isEqualTo(4);
  }

  @Test
  void smallFilesGoWholeAndLargeFilesAreAlwaysCut() {
    assertThat(ChunkPlan.of(3_000_000, 10_000_000))
        .isEqualTo(new ChunkPlan(3_000_000, 3_000_000, 1));
    assertThat(ChunkPlan.of(15_000_000, 10_000_000))
        .isEqualTo(new ChunkPlan(15_000_000, 10_000_000, 1));
    ChunkPlan big = ChunkPlan.of(100_000_000, TikTokLimits.MAX_CHUNK_SIZE);
    assertThat(big.count()).isEqualTo(2);
    assertThat(big.last(1) - big.first(1) + 1).isLessThanOrEqualTo(128_000_000);
    ChunkPlan huge = ChunkPlan.of(4_000_000_000L, TikTokLimits.MIN_CHUNK_SIZE);
    assertThat(huge.count()).isLessThanOrEqualTo(TikTokLimits.MAX_CHUNKS);
    assertThat(huge.chunkSize())
        .isBetween(TikTokLimits.MIN_CHUNK_SIZE, TikTokLimits.MAX_CHUNK_SIZE);
    assertThatThrownBy(() -> ChunkPlan.of(0, 10_000_000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyPlanCoversTheFileWithChunksWithinTheRules() {
    for (long size = 1; size < 700_000_000L; size = size * 3 + 7) {
      ChunkPlan plan = ChunkPlan.of(size, TikTokLimits.DEFAULT_CHUNK_SIZE);
      assertThat(plan.count()).isEqualTo(Math.max(1, size / plan.chunkSize()));
      assertThat(plan.last(plan.count() - 1)).isEqualTo(size - 1);
      if (plan.count() > 1) {
        assertThat(plan.chunkSize())
            .isBetween(TikTokLimits.MIN_CHUNK_SIZE, TikTokLimits.MAX_CHUNK_SIZE);
      } else {
        assertThat(size).isLessThanOrEqualTo(TikTokLimits.MAX_CHUNK_SIZE);
      }
    }
  }

  @Test
  void readsTheDurationFromTheMovieHeaderOfVersion0And1() throws IOException {
    Path v0 = Files.write(dir.resolve("v0.mp4"), mp4(0, 1000, 312_500));
    Path v1 = Files.write(dir.resolve("v1.mov"), mp4(1, 600, 600 * 42));
    Path junk = Files.write(dir.resolve("junk.mp4"), new byte[100]);

    assertThat(Mp4Duration.seconds(v0)).hasValue(312.5);
    assertThat(Mp4Duration.seconds(v1)).hasValue(42.0);
    assertThat(Mp4Duration.seconds(junk)).isEmpty();
    assertThat(Mp4Duration.seconds(dir.resolve("missing.mp4"))).isEmpty();
  }

  @Test
  void aVideoLongerThanTheCreatorMayPostIsRejectedBeforeUploading() throws IOException {
    try (TikTokHarness h = new TikTokHarness(dir)) {
      Path longVideo = Files.write(dir.resolve("long.mp4"), mp4(0, 1000, 312_500));
      Path shortVideo = Files.write(dir.resolve("short.mp4"), mp4(0, 1000, 30_000));

      PublishResult tooLong =
          h.publish(h.publisher(), post(Media.video(longVideo.toUri())).build());
      PublishResult fits = h.publish(h.publisher(), post(Media.video(shortVideo.toUri())).build());

      assertThat(tooLong)
          .isInstanceOfSatisfying(
              PublishResult.Rejected.class,
              r -> {
                assertThat(r.code()).isEqualTo("duration_check_failed");
                assertThat(r.reason()).contains("312.5 s long; the creator may post at most 300 s");
              });
      assertThat(fits).isInstanceOf(PublishResult.Published.class);
      assertThat(h.fake.requests(FakeTikTok.VIDEO_INIT)).hasSize(1);
    }
  }

  /** A minimal ISO BMFF file: ftyp, then moov holding an mvhd of {@code version}. */
  static byte[] mp4(int version, int timescale, long duration) throws IOException {
    ByteBuffer mvhd = ByteBuffer.allocate(version == 1 ? 8 + 112 : 8 + 100);
    mvhd.putInt(mvhd.capacity()).put("mvhd".getBytes(StandardCharsets.ISO_8859_1));
    mvhd.putInt(version << 24);
    if (version == 1) {
      mvhd.putLong(0).putLong(0).putInt(timescale).putLong(duration);
    } else {
      mvhd.putInt(0).putInt(0).putInt(timescale).putInt((int) duration);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(box("ftyp", "isom\0\0\2\0isomiso2mp41".getBytes(StandardCharsets.ISO_8859_1)));
    out.write(box("free", new byte[16]));
    out.write(box("moov", mvhd.array()));
    out.write(box("mdat", new byte[64]));
    return out.toByteArray();
  }

  private static byte[] box(String type, byte[] payload) {
    return ByteBuffer.allocate(8 + payload.length)
        .putInt(8 + payload.length)
        .put(type.getBytes(StandardCharsets.ISO_8859_1))
        .put(payload)
        .array();
  }
}
