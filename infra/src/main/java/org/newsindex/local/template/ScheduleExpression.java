package org.newsindex.local.template;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule expression as EventBridge accepts it: {@code rate(5 minutes)} has a fixed period;
 * {@code cron(...)} and (for ScheduleV2) {@code at(...)} are kept as text, without a period.
 *
 * @param text the expression as the template gives it
 * @param period the time between runs, for a rate expression only
 */
public record ScheduleExpression(String text, Optional<Duration> period) {
  private static final Pattern RATE =
      Pattern.compile("rate\\(\\s*(\\d+)\\s+([a-z]+)\\s*\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)", Pattern.DOTALL);
  private static final Pattern AT = Pattern.compile("at\\(.+\\)");

  /**
   * Reads an expression, checking a rate as EventBridge does: a positive whole number and a unit of
   * minute, hour or day, singular for 1 and plural otherwise ({@code rate(1 hours)} is wrong).
   *
   * @throws TemplateException if the expression is not a rate, cron or at expression
   */
  public static ScheduleExpression parse(String text) {
    String expression = text.trim();
    Matcher rate = RATE.matcher(expression);
    if (rate.matches()) {
      return new ScheduleExpression(expression, Optional.of(period(expression, rate)));
    }
    Matcher cron = CRON.matcher(expression);
    if (cron.matches()) {
      int fields = cron.group(1).trim().split("\\s+").length;
      if (fields != 6) {
        throw new TemplateException(
            "'" + expression + "' has " + fields + " fields; AWS cron expressions have 6");
      }
      return new ScheduleExpression(expression, Optional.empty());
    }
    if (AT.matcher(expression).matches()) {
      return new ScheduleExpression(expression, Optional.empty());
    }
    throw new TemplateException(
        "'" + expression + "' is not a schedule expression: rate(...), cron(...) or at(...)");
  }

  private static Duration period(String expression, Matcher rate) {
    long value;
    try {
      value = Long.parseLong(rate.group(1));
    } catch (NumberFormatException e) {
      throw new TemplateException("'" + expression + "': the rate is too large");
    }
    if (value < 1) {
      throw new TemplateException("'" + expression + "': the rate must be at least 1");
    }
    String unit = rate.group(2).toLowerCase(Locale.ROOT);
    boolean plural = unit.endsWith("s");
    Duration one =
        switch (plural ? unit.substring(0, unit.length() - 1) : unit) {
          case "minute" -> Duration.ofMinutes(1);
          case "hour" -> Duration.ofHours(1);
          case "day" -> Duration.ofDays(1);
          default ->
              throw new TemplateException(
                  "'" + expression + "': the unit must be minute(s), hour(s) or day(s)");
        };
    if (plural != (value > 1)) {
      throw new TemplateException(
          "'"
              + expression
              + "': the unit must be singular for 1 and plural otherwise, e.g. rate(1 minute),"
              + " rate(5 minutes)");
    }
    try {
      return one.multipliedBy(value);
    } catch (ArithmeticException e) {
      throw new TemplateException("'" + expression + "': the rate is too large");
    }
  }

  /** Whether this expression runs on a fixed period (a rate expression). */
  public boolean isRate() {
    return period.isPresent();
  }
}
