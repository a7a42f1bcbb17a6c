package dev.herald.platforms.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;

/**
 * The duration of uploaded MP4/QuickTime bytes, from the movie header box ({@code moov/mvhd},
 * ISO/IEC 14496-12 §8.2.2: version 0 has 32-bit timescale and duration at offsets 12 and 16,
 * version 1 a 32-bit timescale at 20 and a 64-bit duration at 24), as a platform reads it before
 * transcoding. Threadsafe (stateless).
 */
final class Mp4Header {
  private Mp4Header() {}

  /** The duration in seconds, or empty unless {@code bytes} hold a readable movie header. */
  static OptionalDouble seconds(byte[] bytes) {
    ByteBuffer file = ByteBuffer.wrap(bytes);
    ByteBuffer moov = child(file, "moov");
    ByteBuffer mvhd = moov == null ? null : child(moov, "mvhd");
    if (mvhd == null || mvhd.remaining() < 20) {
      return OptionalDouble.empty();
    }
    boolean wide = mvhd.get(0) == 1;
    if (wide && mvhd.remaining() < 32) {
      return OptionalDouble.empty();
    }
    long timescale = Integer.toUnsignedLong(mvhd.getInt(wide ? 20 : 12));
    long duration = wide ? mvhd.getLong(24) : Integer.toUnsignedLong(mvhd.getInt(16));
    return timescale == 0 || duration < 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) duration / timescale);
  }

  /** The payload of the first box {@code type} directly inside {@code parent}, or null. */
  private static ByteBuffer child(ByteBuffer parent, String type) {
    int at = 0;
    while (at + 8 <= parent.limit()) {
      long size = Integer.toUnsignedLong(parent.getInt(at));
      int header = 8;
      if (size == 1 && at + 16 <= parent.limit()) {
        size = parent.getLong(at + 8);
        header = 16;
      } else if (size == 0) {
        size = parent.limit() - at;
      }
      if (size < header || at + size > parent.limit()) {
        return null;
      }
      String name = new String(new byte[] {parent.get(at + 4), parent.get(at + 5),
          parent.get(at + 6), parent.get(at + 7)}, StandardCharsets.ISO_8859_1);
      if (name.equals(type)) {
        return parent.slice(at + header, (int) size - header);
      }
      at += (int) size;
    }
    return null;
  }
}
