package org.newsindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {
  @Test
  void namesAndStringsCountInUtf8Bytes() {
    Map<String, AttributeValue> item =
        Map.of("pk", Attributes.s("é"), "név", Attributes.s("€€"), "b", Attributes.b(new byte[10]));
    assertEquals(2 + 2 + 4 + 6 + 1 + 10, ItemSize.of(item));
  }

  @Test
  void aPutOfAnItemOverFourHundredKilobytesIsRefusedBeforeItIsSent() {
    Map<String, AttributeValue> item =
        Map.of(
            "pk", Attributes.s("DOC#1"),
            "sk", Attributes.s("DOC"),
            "text", Attributes.s("x".repeat(ItemSize.MAX_ITEM_BYTES)));
    assertThrows(ItemLimitException.class, () -> IndexTable.check(TableWrite.put(item)));
  }

  @Test
  void aSortKeyOverOneKilobyteInUtf8IsRefusedThoughShorterInCharacters() {
    ItemKey key = new ItemKey("SRC", "ж".repeat(513));
    assertThrows(ItemLimitException.class, () -> IndexTable.check(TableWrite.delete(key)));
  }

  @Test
  void writeUnitsAreStartedKilobytes() {
    assertEquals(1, ItemSize.writeUnits(Map.of("pk", Attributes.s("a"))));
    assertEquals(2, ItemSize.writeUnits(Map.of("pk", Attributes.s("a".repeat(1030)))));
  }

  @Test
  void numbersCountTheirSignificantDigitsWhateverTheirForm() {
    // Plain integers take a fast path; every other form is read as a decimal.
    for (String n :
        new String[] {"0", "7", "-7", "10", "1200", "-001200", "123456789", "1700000000", "00"}) {
      String digits = new java.math.BigDecimal(n).unscaledValue().abs().toString();
      int significant = digits.replaceAll("0+$", "").length();
      assertEquals(Math.max(1, (significant + 1) / 2) + 1, ItemSize.number(n), n);
    }
    assertEquals(ItemSize.number("12"), ItemSize.number("1.2E+3"));
    assertEquals(ItemSize.number("125"), ItemSize.number("-1.25"));
  }
}
