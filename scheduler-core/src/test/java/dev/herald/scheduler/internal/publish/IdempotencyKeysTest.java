package dev.herald.scheduler.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

  @Test
  void aKeyIsThePrefixAnd128RandomBitsInBase64Url() {
    String key = IdempotencyKeys.mint();

    assertThat(key).startsWith("herald-").hasSize("herald-".length() + 22)
        .matches("herald-[A-Za-z0-9_-]+");
    byte[] random = Base64.getUrlDecoder().decode(key.substring("herald-".length()));
    assertThat(random.length * 8).isEqualTo(IdempotencyKeys.BITS).isGreaterThanOrEqualTo(128);
  }

  @Test
  void keysDoNotRepeat() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      keys.add(IdempotencyKeys.mint());
    }

    assertThat(keys).hasSize(100_000);
  }

  @Test
  void noBitIsFixed() {
    // a part derived from anything but the random source (a counter, an id) keeps bits constant;
    // a random bit stays the same in 64 keys with probability 2^-63
    byte[] anyOne = new byte[IdempotencyKeys.BITS / 8];
    byte[] allOnes = new byte[IdempotencyKeys.BITS / 8];
    Arrays.fill(allOnes, (byte) 0xff);
    for (int i = 0; i < 64; i++) {
      byte[] random = Base64.getUrlDecoder().decode(IdempotencyKeys.mint().substring(7));
      for (int b = 0; b < random.length; b++) {
        anyOne[b] |= random[b];
        allOnes[b] &= random[b];
      }
    }

    assertThat(anyOne).as("bits set in some key").containsOnly((byte) 0xff);
    assertThat(allOnes).as("bits set in every key").containsOnly((byte) 0);
  }
}
