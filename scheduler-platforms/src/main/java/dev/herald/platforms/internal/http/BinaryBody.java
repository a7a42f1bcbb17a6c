package dev.herald.platforms.internal.http;

import static dev.herald.platforms.internal.Preconditions.notNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A raw body: a byte range of a file (one chunk of a chunked {@code PUT} upload, as TikTok's and
 * Meta's resumable uploads expect) or bytes in memory. File ranges are streamed, not loaded.
 *
 * <p>Instances are immutable and threadsafe.
 */
public final class BinaryBody implements RequestBody {

  private final String contentType;
  private final Path file;
  private final long offset;
  private final long length;
  private final byte[] bytes;

  private BinaryBody(String contentType, Path file, long offset, long length, byte[] bytes) {
    this.contentType = notNull(contentType, "contentType");
    this.file = file;
    this.offset = offset;
    this.length = length;
    this.bytes = bytes;
  }

  /**
   * Bytes {@code offset} to {@code offset + length - 1} of {@code file}.
   *
   * @throws IllegalArgumentException if the range is negative
   */
  public static BinaryBody ofFileRange(Path file, long offset, long length, String contentType) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "file range must not be negative, was offset=" + offset + ", length=" + length);
    }
    return new BinaryBody(contentType, notNull(file, "file"), offset, length, null);
  }

  /** {@code bytes} (copied). */
  public static BinaryBody ofBytes(byte[] bytes, String contentType) {
    byte[] copy = notNull(bytes, "bytes").clone();
    return new BinaryBody(contentType, null, 0, copy.length, copy);
  }

  /** The number of bytes sent. */
  public long length() {
    return length;
  }

  @Override
  public String contentType() {
    return contentType;
  }

  @Override
  public BodyPublisher publisher() {
    if (bytes != null) {
      return BodyPublishers.ofByteArray(bytes);
    }
    return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(this::openRange), length);
  }

  private InputStream openRange() {
    try {
      InputStream in = Files.newInputStream(file);
      in.skipNBytes(offset);
      return new Bounded(in, length);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read bytes " + offset + "+" + length + " of a file", e);
    }
  }

  @Override
  public String describe() {
    return "binary[" + length + " bytes, " + contentType + "]";
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Reads at most {@code remaining} bytes of the wrapped stream. */
  private static final class Bounded extends FilterInputStream {
    private long remaining;

    Bounded(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(buf, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}
