package org.newsindex.search;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsindex.corpus.PublishedTime;

/**
 * A time as a search parameter gives it: an ISO 8601 date or instant (as {@code published} metadata
 * takes it), or date math relative to now as Elasticsearch writes it: {@code now}, then any number
 * of {@code +N} or {@code -N} with a unit, then optionally {@code /unit} to round down ({@code
 * now-7d}, {@code now/d}, {@code now-1M/M}). Units: {@code y} years, {@code M} months, {@code w}
 * weeks, {@code d} days, {@code h} or {@code H} hours, {@code m} minutes, {@code s} seconds; all in
 * UTC. Rounding is always down, which is what an inclusive {@code from} and an exclusive {@code to}
 * both want.
 */
public final class DateMath {
  private static final Pattern STEP = Pattern.compile("([+-])(\\d{1,6})([yMwdhHms])");
  private static final Pattern ROUND = Pattern.compile("/([yMwdhHms])");

  private DateMath() {}

  /** The longest value taken, as the contract says: no time needs more. */
  public static final int MAX_CHARS = 64;

  public static Instant parse(String name, String value, Instant now) {
    if (value.length() > MAX_CHARS) {
      throw new BadQueryException(
          name + " is " + value.length() + " characters long; a time takes at most " + MAX_CHARS);
    }
    String v = value.strip();
    if (v.startsWith("now")) {
      return relative(name, v, now);
    }
    return PublishedTime.parse(v)
        .orElseThrow(
            () ->
                new BadQueryException(
                    name
                        + " must be an ISO 8601 date or instant (2026-11-26, 2026-11-26T08:30:00Z)"
                        + " or date math relative to now (now-7d, now/d, now-1M/M), got '"
                        + shown(value)
                        + "'"));
  }

  private static Instant relative(String name, String v, Instant now) {
    try {
      return relativeOrThrow(name, v, now);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw new BadQueryException(name + " date math '" + shown(v) + "' is out of range");
    }
  }

  private static Instant relativeOrThrow(String name, String v, Instant now) {
    ZonedDateTime t = now.atZone(ZoneOffset.UTC);
    int at = 3;
    Matcher step = STEP.matcher(v);
    while (at < v.length() && step.find(at) && step.start() == at) {
      long n = Long.parseLong(step.group(2)) * (step.group(1).equals("-") ? -1 : 1);
      t = t.plus(n, unit(step.group(3)));
      at = step.end();
    }
    Matcher round = ROUND.matcher(v);
    if (at < v.length() && round.find(at) && round.start() == at) {
      t = roundDown(t, round.group(1));
      at = round.end();
    }
    if (at != v.length()) {
      throw new BadQueryException(
          name
              + " date math must be now, then steps such as -7d or +1h, then optionally a rounding"
              + " such as /d (units y M w d h m s), got '"
              + shown(v)
              + "'");
    }
    return t.toInstant();
  }

  private static ChronoUnit unit(String u) {
    return switch (u) {
      case "y" -> ChronoUnit.YEARS;
      case "M" -> ChronoUnit.MONTHS;
      case "w" -> ChronoUnit.WEEKS;
      case "d" -> ChronoUnit.DAYS;
      case "h", "H" -> ChronoUnit.HOURS;
      case "m" -> ChronoUnit.MINUTES;
      default -> ChronoUnit.SECONDS;
    };
  }

  private static ZonedDateTime roundDown(ZonedDateTime t, String u) {
    return switch (u) {
      case "y" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      case "M" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case "w" ->
          t.truncatedTo(ChronoUnit.DAYS)
              .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
      default -> t.truncatedTo(unit(u));
    };
  }

  private static String shown(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }

  /** The optional parameter, parsed. */
  static Optional<Instant> parse(String name, Optional<String> value, Instant now) {
    return value.map(v -> parse(name, v, now));
  }
}
