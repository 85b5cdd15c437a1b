package org.newsindex.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {
  private static Duration period(String text) {
    return ScheduleExpression.parse(text).period().orElseThrow();
  }

  @Test
  void rateOfMinutesHoursAndDaysHasThatPeriod() {
    assertEquals(Duration.ofMinutes(1), period("rate(1 minute)"));
    assertEquals(Duration.ofMinutes(15), period("rate(15 minutes)"));
    assertEquals(Duration.ofHours(1), period("rate(1 hour)"));
    assertEquals(Duration.ofHours(6), period("rate(6 hours)"));
    assertEquals(Duration.ofDays(1), period("rate(1 day)"));
    assertEquals(Duration.ofDays(7), period("rate(7 days)"));
  }

  @Test
  void rateKeepsItsTextAndToleratesSpacing() {
    ScheduleExpression rate = ScheduleExpression.parse(" rate( 5  minutes ) ");

    assertTrue(rate.isRate());
    assertEquals("rate( 5  minutes )", rate.text());
    assertEquals(Optional.of(Duration.ofMinutes(5)), rate.period());
  }

  @Test
  void unitMustBeSingularForOneAndPluralOtherwise() {
    assertThrows(TemplateException.class, () -> ScheduleExpression.parse("rate(1 minutes)"));
    assertThrows(TemplateException.class, () -> ScheduleExpression.parse("rate(5 hour)"));
  }

  @Test
  void rateBelowOneOrInOtherUnitsIsRejected() {
    for (String text :
        new String[] {
          "rate(0 minutes)",
          "rate(-1 minutes)",
          "rate(30 seconds)",
          "rate(1 week)",
          "rate(1.5 hours)",
          "rate(minutes)",
          "rate(99999999999999999999 days)"
        }) {
      assertThrows(TemplateException.class, () -> ScheduleExpression.parse(text), text);
    }
  }

  @Test
  void cronAndAtAreKeptWithoutAPeriod() {
    ScheduleExpression cron = ScheduleExpression.parse("cron(0 3 * * ? *)");
    ScheduleExpression at = ScheduleExpression.parse("at(2030-01-01T00:00:00)");

    assertFalse(cron.isRate());
    assertEquals("cron(0 3 * * ? *)", cron.text());
    assertFalse(at.isRate());
  }

  @Test
  void cronNeedsItsSixFields() {
    TemplateException error =
        assertThrows(TemplateException.class, () -> ScheduleExpression.parse("cron(0 3 * * ?)"));
    assertTrue(error.getMessage().contains("6"), error.getMessage());
  }

  @Test
  void anythingElseIsNotAScheduleExpression() {
    assertThrows(TemplateException.class, () -> ScheduleExpression.parse("every 5 minutes"));
    assertThrows(TemplateException.class, () -> ScheduleExpression.parse(""));
  }
}
