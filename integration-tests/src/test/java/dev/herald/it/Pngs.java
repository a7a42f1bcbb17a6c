package dev.herald.it;

import java.util.Base64;

/** Small valid images for upload tests. */
final class Pngs {
  private Pngs() {}

  /** A 1×1 RGB PNG. */
  static byte[] onePixel() {
    return Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP438AAAAQBAYDFKhhdAAAAAElFTkSuQmCC");
  }
}
