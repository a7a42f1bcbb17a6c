package dev.herald.platforms.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalDouble;

/**
 * Reads the duration of a local MP4 or QuickTime file from its movie header ({@code moov/mvhd}:
 * duration / timescale), so that a video outside a platform's duration limits (TikTok's {@code
 * max_video_post_duration_sec}, a Facebook reel's 3–90 s)
 * is refused before its bytes are uploaded. Only box headers and the 32-byte {@code mvhd} are read.
 * Anything unexpected (WebM, a truncated or odd file) gives an empty result: the platform then checks the
 * duration itself (TikTok fails the post with {@code duration_check_failed}).
 *
 * <p>This class is threadsafe (stateless).
 */
public final class Mp4Duration {

  private static final int MAX_BOXES = 4_096;

  private Mp4Duration() {}

  /**
   * The duration of {@code file}, read from its movie header.
   *
   * @param file a local file
   * @return the duration in seconds, or empty unless it is an MP4/QuickTime file with a movie header
   */
  public static OptionalDouble seconds(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long[] moov = find(channel, 0, channel.size(), "moov");
      if (moov == null) {
        return OptionalDouble.empty();
      }
      long[] mvhd = find(channel, moov[0], moov[1], "mvhd");
      return mvhd == null ? OptionalDouble.empty() : movieHeader(channel, mvhd[0], mvhd[1]);
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty();
    }
  }

  /** The payload bounds {@code [start, end)} of the first box named {@code type} in the range. */
  private static long[] find(FileChannel channel, long from, long to, String type)
      throws IOException {
    long position = from;
    for (int i = 0; i < MAX_BOXES && position + 8 <= to; i++) {
      ByteBuffer header = read(channel, position, 16);
      long size = Integer.toUnsignedLong(header.getInt(0));
      String name = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
      int headerLength = 8;
      if (size == 1) {
        size = header.getLong(8);
        headerLength = 16;
      } else if (size == 0) {
        size = to - position;
      }
      if (size < headerLength || position + size > to) {
        return null;
      }
      if (name.equals(type)) {
        return new long[] {position + headerLength, position + size};
      }
      position += size;
    }
    return null;
  }

  private static OptionalDouble movieHeader(FileChannel channel, long start, long end)
      throws IOException {
    ByteBuffer box = read(channel, start, (int) Math.min(end - start, 32));
    int version = box.get(0);
    long timescale;
    long duration;
    if (version == 1) {
      timescale = Integer.toUnsignedLong(box.getInt(20));
      duration = box.getLong(24);
    } else {
      timescale = Integer.toUnsignedLong(box.getInt(12));
      duration = Integer.toUnsignedLong(box.getInt(16));
    }
    if (timescale == 0 || duration < 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((double) duration / timescale);
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    return buffer;
  }
}
