package dev.herald.scheduler.publish;

import java.util.List;
import java.util.stream.Collectors;

/** A post breaks one or more platform limits. The message lists every violation. */
public class PostValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<PostViolation> violations;

  /**
   * @param violations what is wrong; not empty
   */
  public PostValidationException(List<PostViolation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  /**
   * The violations, in the order found.
   *
   * @return the violations; never empty
   */
  public List<PostViolation> violations() {
    return violations;
  }

  private static String describe(List<PostViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a PostValidationException needs at least one violation");
    }
    return "post is not valid: "
        + violations.stream().map(PostViolation::toString).collect(Collectors.joining("; "));
  }
}
