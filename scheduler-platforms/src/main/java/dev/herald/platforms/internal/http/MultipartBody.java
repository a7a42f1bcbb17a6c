package dev.herald.platforms.internal.http;

import static dev.herald.platforms.internal.Preconditions.notNull;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code multipart/form-data} body (RFC 7578) of text fields and files. Files are streamed from
 * disk when the request is sent, not loaded into memory; the content length is known up front.
 *
 * <p>Instances are immutable and threadsafe.
 */
public final class MultipartBody implements RequestBody {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String boundary;
  private final List<Part> parts;

  private MultipartBody(String boundary, List<Part> parts) {
    this.boundary = boundary;
    this.parts = List.copyOf(parts);
  }

  /** A new builder with a random boundary. */
  public static Builder builder() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new Builder("herald-" + HexFormat.of().formatHex(bytes));
  }

  /** The boundary between parts. */
  public String boundary() {
    return boundary;
  }

  @Override
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException if a file part no longer exists
   */
  @Override
  public BodyPublisher publisher() {
    List<BodyPublisher> publishers = new ArrayList<>();
    for (Part part : parts) {
      publishers.add(ascii("--" + boundary + "\r\n" + part.headers() + "\r\n"));
      publishers.add(part.content());
      publishers.add(ascii("\r\n"));
    }
    publishers.add(ascii("--" + boundary + "--\r\n"));
    return BodyPublishers.concat(publishers.toArray(BodyPublisher[]::new));
  }

  @Override
  public String describe() {
    return "multipart" + parts.stream().map(Part::describe).collect(Collectors.toList());
  }

  @Override
  public String toString() {
    return describe();
  }

  private static BodyPublisher ascii(String s) {
    return BodyPublishers.ofString(s, StandardCharsets.UTF_8);
  }

  /** Quotes a header parameter value: no CR/LF, quotes and backslashes percent-encoded. */
  private static String quote(String value) {
    return "\""
        + value.replace("\\", "%5C").replace("\"", "%22").replace("\r", " ").replace("\n", " ")
        + "\"";
  }

  private sealed interface Part {
    String headers();

    BodyPublisher content();

    String describe();
  }

  private record TextPart(String name, String value) implements Part {
    @Override
    public String headers() {
      return "Content-Disposition: form-data; name="
          + quote(name)
          + "\r\n"
          + "Content-Type: text/plain; charset=UTF-8\r\n";
    }

    @Override
    public BodyPublisher content() {
      return BodyPublishers.ofString(value, StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
      return name;
    }
  }

  private record FilePart(String name, String filename, String contentType, Path file)
      implements Part {
    @Override
    public String headers() {
      return "Content-Disposition: form-data; name="
          + quote(name)
          + "; filename="
          + quote(filename)
          + "\r\nContent-Type: "
          + contentType
          + "\r\n";
    }

    @Override
    public BodyPublisher content() {
      try {
        return BodyPublishers.ofFile(file);
      } catch (FileNotFoundException e) {
        throw new UncheckedIOException("multipart file part '" + name + "' cannot be read", e);
      }
    }

    @Override
    public String describe() {
      return name + "=<file " + filename + ", " + contentType + ">";
    }
  }

  private record BytesPart(String name, String filename, String contentType, byte[] bytes)
      implements Part {
    @Override
    public String headers() {
      return "Content-Disposition: form-data; name="
          + quote(name)
          + "; filename="
          + quote(filename)
          + "\r\nContent-Type: "
          + contentType
          + "\r\n";
    }

    @Override
    public BodyPublisher content() {
      return BodyPublishers.ofByteArray(bytes);
    }

    @Override
    public String describe() {
      return name + "=<" + bytes.length + " bytes, " + contentType + ">";
    }
  }

  /** Builds a {@link MultipartBody}. Not threadsafe. */
  public static final class Builder {
    private final String boundary;
    private final List<Part> parts = new ArrayList<>();

    private Builder(String boundary) {
      this.boundary = boundary;
    }

    /** Adds a text field. */
    public Builder field(String name, String value) {
      parts.add(new TextPart(notNull(name, "name"), notNull(value, "value of " + name)));
      return this;
    }

    /** Adds a file part streamed from {@code file}, named {@code filename} in the request. */
    public Builder file(String name, String filename, String contentType, Path file) {
      parts.add(
          new FilePart(
              notNull(name, "name"),
              notNull(filename, "filename"),
              notNull(contentType, "contentType"),
              notNull(file, "file")));
      return this;
    }

    /** Adds a file part from memory. */
    public Builder bytes(String name, String filename, String contentType, byte[] bytes) {
      parts.add(
          new BytesPart(
              notNull(name, "name"),
              notNull(filename, "filename"),
              notNull(contentType, "contentType"),
              notNull(bytes, "bytes").clone()));
      return this;
    }

    /** Builds the body. */
    public MultipartBody build() {
      return new MultipartBody(boundary, parts);
    }
  }
}
