package dev.herald.platforms.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place secrets are masked. Every log line, exception message and {@code toString()} in
 * this module that could carry a URI, a header, a form body or a response body passes through here.
 *
 * <p>Masked: the credentials of {@code Authorization}-like headers (the scheme is kept: {@code
 * Bearer <redacted>}), the query and form parameters {@code access_token}, {@code client_secret},
 * {@code refresh_token}, {@code code}, {@code fb_exchange_token}, {@code upload_token}, {@code
 * code_verifier} and {@code input_token}, and the same names as JSON string members ({@code
 * "access_token":"…"}). Callers that know a secret's value can also mask it wherever it occurs with
 * {@link #text(String, Iterable)}.
 *
 * <p>This class is threadsafe (stateless).
 */
public final class Redaction {

  /** What a secret is replaced with. */
  public static final String MASK = "<redacted>";

  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  private static final Pattern PARAM =
      Pattern.compile(
          "(?<![A-Za-z0-9_])(access_token|client_secret|refresh_token|code|fb_exchange_token"
              + "|upload_token|code_verifier|input_token)=[^&\\s\"'#]*");

  private static final Pattern JSON_MEMBER =
      Pattern.compile(
          "\"(access_token|client_secret|refresh_token|fb_exchange_token|upload_token)\""
              + "\\s*:\\s*\"[^\"]*\"");

  private static final Pattern AUTH_SCHEME =
      Pattern.compile("\\b(Bearer|OAuth|Basic)\\s+[A-Za-z0-9._~+/=\\-]+", Pattern.CASE_INSENSITIVE);

  private Redaction() {}

  /** {@code text} with every secret this class recognises masked; null becomes "null". */
  public static String text(String text) {
    if (text == null) {
      return "null";
    }
    String out = PARAM.matcher(text).replaceAll(m -> m.group(1) + "=" + MASK);
    out = JSON_MEMBER.matcher(out).replaceAll(m -> "\"" + m.group(1) + "\":\"" + MASK + "\"");
    return AUTH_SCHEME.matcher(out).replaceAll(m -> m.group(1) + " " + MASK);
  }

  /**
   * {@code text} masked as by {@link #text(String)}, and every occurrence of each of {@code
   * secrets} (blank ones ignored) masked too.
   */
  public static String text(String text, Iterable<String> secrets) {
    String out = text(text);
    for (String secret : secrets) {
      if (secret != null && !secret.isBlank()) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  /** The URI as text with secret query parameters masked. */
  public static String uri(URI uri) {
    return uri == null ? "null" : text(uri.toString());
  }

  /** Whether {@code name} is a header whose value is a credential. */
  public static boolean isSecretHeader(String name) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * The value of header {@code name} fit for a log line: credentials are masked, keeping an
   * authorization scheme such as {@code Bearer}.
   */
  public static String header(String name, String value) {
    if (!isSecretHeader(name)) {
      return text(value);
    }
    Matcher scheme = Pattern.compile("^(\\S+)\\s+\\S").matcher(value == null ? "" : value);
    return scheme.find() ? scheme.group(1) + " " + MASK : MASK;
  }

  /** A secret value as shown in {@code toString()}: {@link #MASK}, or "null" when absent. */
  public static String secret(String value) {
    return value == null ? "null" : MASK;
  }
}
