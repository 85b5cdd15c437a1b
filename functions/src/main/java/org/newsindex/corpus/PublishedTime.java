package org.newsindex.corpus;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a file's story was published, to the second: the object's {@code x-amz-meta-published} when
 * set (an ISO 8601 date, a date and time with or without an offset, or an instant; times without an
 * offset are UTC), else the first date its key holds ({@code 2026/11/26/}, {@code 2026-11-26},
 * {@code 20261126}), else when S3 stored the object. A metadata value that is not a date is a
 * warning, never a rejection: the next source is used.
 */
public final class PublishedTime {
  /** The user-metadata name (S3 sends it as the {@code x-amz-meta-published} header). */
  public static final String METADATA = "published";

  /** The earliest and latest dates taken from metadata or a key (anything else is a mistake). */
  static final LocalDate EARLIEST = LocalDate.of(1000, 1, 1);

  static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

  /** Dates in keys: years 1900–2099, one separator ('/', '-' or none) used throughout. */
  private static final Pattern KEY_DATE =
      Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})([/-]?)([0-9]{2})\\2([0-9]{2})(?![0-9])");

  private static final int LONGEST_VALUE = 64;

  private PublishedTime() {}

  /** The time and, if the metadata had to be passed over, a warning that says why. */
  public record Resolved(Instant published, Optional<String> warning) {}

  public static Resolved resolve(Optional<String> metadata, String key, Instant stored) {
    Optional<String> warning = Optional.empty();
    if (metadata.isPresent()) {
      Optional<Instant> parsed = parse(metadata.get());
      if (parsed.isPresent()) {
        return new Resolved(parsed.get(), Optional.empty());
      }
      warning =
          Optional.of(
              "x-amz-meta-published '"
                  + shown(metadata.get())
                  + "' is not an ISO 8601 date or instant (2026-11-26, 2026-11-26T08:30:00Z);"
                  + " the publication time was taken from "
                  + (fromKey(key).isPresent() ? "the date in the key" : "the upload time"));
    }
    Instant published = fromKey(key).orElse(stored.truncatedTo(ChronoUnit.SECONDS));
    return new Resolved(published, warning);
  }

  /** An ISO 8601 date or date-time (UTC unless it has an offset), to the second. */
  public static Optional<Instant> parse(String value) {
    String v = value.strip();
    if (v.isEmpty() || v.length() > LONGEST_VALUE) {
      return Optional.empty();
    }
    Instant instant;
    try {
      if (v.length() == 10) {
        instant = LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      } else if (hasOffset(v)) {
        instant = OffsetDateTime.parse(v).toInstant();
      } else {
        instant = LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    LocalDate date = instant.atOffset(ZoneOffset.UTC).toLocalDate();
    if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
      return Optional.empty();
    }
    return Optional.of(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The first valid date in the key, at midnight UTC. */
  public static Optional<Instant> fromKey(String key) {
    Matcher m = KEY_DATE.matcher(key);
    while (m.find()) {
      try {
        LocalDate date =
            LocalDate.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)));
        return Optional.of(date.atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeException notADate) {
        // 2026-13-45 and the like: look further along the key
      }
    }
    return Optional.empty();
  }

  private static boolean hasOffset(String v) {
    int t = v.indexOf('T');
    if (t < 0) {
      t = v.indexOf('t');
    }
    if (t < 0) {
      return false;
    }
    String time = v.substring(t);
    return time.endsWith("Z") || time.endsWith("z") || time.contains("+") || time.contains("-");
  }

  private static String shown(String value) {
    String v =
        value.codePointCount(0, value.length()) > LONGEST_VALUE
            ? value.substring(0, value.offsetByCodePoints(0, LONGEST_VALUE)) + "…"
            : value;
    StringBuilder out = new StringBuilder();
    v.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '\uFFFD' : c));
    return out.toString();
  }
}
