package dev.herald.platforms.tiktok;

/**
 * How a FILE_UPLOAD is cut into chunks, per the Media Transfer Guide: {@code
 * total_chunk_count = floor(video_size / chunk_size)}, every chunk {@code chunk_size} bytes except
 * the last, which absorbs the remainder (so it is shorter than two chunks); a file smaller than a
 * chunk goes as one chunk of its own size; a file above {@link TikTokLimits#MAX_CHUNK_SIZE} is
 * always cut in at least two; at most {@link TikTokLimits#MAX_CHUNKS} chunks.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param size the file size in bytes ({@code video_size})
 * @param chunkSize {@code chunk_size}
 * @param count {@code total_chunk_count}
 */
record ChunkPlan(long size, long chunkSize, int count) {

  /**
   * The plan for {@code size} bytes with chunks of {@code preferred} bytes, adjusted to the rules.
   *
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  static ChunkPlan of(long size, long preferred) {
    if (size <= 0) {
      throw new IllegalArgumentException("video size must be positive, was " + size);
    }
    long chunk = preferred;
    if (size > TikTokLimits.MAX_CHUNK_SIZE) {
      chunk = Math.min(chunk, size / 2);
    }
    chunk = Math.max(chunk, ceilDiv(size, TikTokLimits.MAX_CHUNKS));
    if (size < chunk) {
      return new ChunkPlan(size, size, 1);
    }
    return new ChunkPlan(size, chunk, (int) (size / chunk));
  }

  /** The first byte of chunk {@code index}. */
  long first(int index) {
    return index * chunkSize;
  }

  /** The last byte (inclusive) of chunk {@code index}; the last chunk ends at the file's end. */
  long last(int index) {
    return index == count - 1 ? size - 1 : (index + 1) * chunkSize - 1;
  }

  /** The chunk holding byte {@code offset}. */
  int indexOf(long offset) {
    return (int) Math.min(offset / chunkSize, count - 1);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
