package dev.herald.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MisfirePolicyTest {

  @ParameterizedTest
  @MethodSource
  void parseReadsBackTheSpec(MisfirePolicy policy) {
    assertThat(MisfirePolicy.parse(policy.spec())).isEqualTo(policy);
    assertThat(MisfirePolicy.parse(" " + policy.spec() + "\n")).isEqualTo(policy);
  }

  static Stream<MisfirePolicy> parseReadsBackTheSpec() {
    return Stream.of(
        MisfirePolicy.coalesce(),
        MisfirePolicy.fireAll(),
        MisfirePolicy.skipIfLaterThan(Duration.ofMinutes(5)),
        MisfirePolicy.skipIfLaterThan(Duration.ZERO));
  }

  @Test
  void specs() {
    assertThat(MisfirePolicy.skipIfLaterThan(Duration.ofMinutes(5)).spec())
        .isEqualTo("skip-if-later-than:PT5M");
  }

  @Test
  void rejectsUnknownPoliciesAndGraces() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MisfirePolicy.parse("sometimes"))
        .withMessage(
            "unknown misfire policy 'sometimes'; expected one of: coalesce, fire-all,"
                + " skip-if-later-than:<ISO-8601 duration>");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MisfirePolicy.parse("skip-if-later-than:5m"))
        .withMessageStartingWith(
            "misfire policy 'skip-if-later-than:5m' has an invalid grace '5m'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MisfirePolicy.parse("skip-if-later-than:PT-5M"))
        .withMessage("misfire grace cannot be negative, was PT-5M");
  }
}
