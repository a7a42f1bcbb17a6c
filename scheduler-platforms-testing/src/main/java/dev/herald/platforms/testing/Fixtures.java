package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform response fixtures that ship in this module's jar, under {@code
 * dev/herald/platforms/testing/fixtures/}: one JSON body per file and {@code index.json}, the
 * manifest giving each file's platform, request, status and headers (see the {@code README.md} next
 * to them). The fake servers serve them; host applications and tests can read them here.
 *
 * <p>This class is threadsafe; the index is read once.
 */
public final class Fixtures {

  private static final String DIR = "fixtures/";

  private Fixtures() {}

  /**
   * Every fixture, in index order.
   *
   * @return the fixtures
   */
  public static List<Fixture> all() {
    return Index.FIXTURES;
  }

  /**
   * The fixtures of {@code platform}, in index order.
   *
   * @param platform the platform id
   * @return the fixtures; empty if the platform has none
   */
  public static List<Fixture> forPlatform(String platform) {
    return Index.FIXTURES.stream().filter(f -> f.platform().equals(platform)).toList();
  }

  /**
   * The fixture named {@code file}.
   *
   * @param file the file name
   * @return the fixture
   * @throws IllegalArgumentException if the index has no such file
   */
  public static Fixture get(String file) {
    Fixture fixture = Index.BY_FILE.get(file);
    if (fixture == null) {
      throw new IllegalArgumentException(
          "no fixture named '" + file + "' in index.json (" + Index.FIXTURES.size() + " known)");
    }
    return fixture;
  }

  static byte[] read(String file) {
    try (InputStream in = Fixtures.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "fixture resource " + DIR + file + " is missing from dev.herald.platforms.testing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file, e);
    }
  }

  /** Holder: the index is parsed on first use. */
  private static final class Index {
    static final List<Fixture> FIXTURES = load();
    static final Map<String, Fixture> BY_FILE = byFile(FIXTURES);

    private static List<Fixture> load() {
      JsonNode root = Json.parse(read("index.json"));
      List<Fixture> out = new ArrayList<>();
      for (JsonNode entry : root.path("fixtures")) {
        Map<String, String> headers = new LinkedHashMap<>();
        entry
            .path("headers")
            .properties()
            .forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        out.add(
            new Fixture(
                entry.path("file").asText(),
                entry.path("platform").asText(),
                entry.path("method").asText(),
                entry.path("path").asText(),
                entry.path("http_status").asInt(),
                headers,
                Optional.of(entry.path("notes").asText("")).filter(n -> !n.isBlank())));
      }
      return List.copyOf(out);
    }

    private static Map<String, Fixture> byFile(List<Fixture> fixtures) {
      Map<String, Fixture> map = new LinkedHashMap<>();
      fixtures.forEach(f -> map.put(f.file(), f));
      return Map.copyOf(map);
    }
  }
}
