package org.newsindex.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {
  private static Object value(String yaml) {
    return CloudFormationYaml.parse("v: " + yaml).get("v");
  }

  @Test
  void refAndConditionTagsBecomeOneKeyMaps() {
    assertEquals(Map.of("Ref", "Table"), value("!Ref Table"));
    assertEquals(Map.of("Condition", "IsProd"), value("!Condition IsProd"));
  }

  @Test
  void dottedGetAttIsSplitAtTheFirstDot() {
    assertEquals(Map.of("Fn::GetAtt", List.of("Bucket", "Arn")), value("!GetAtt Bucket.Arn"));
    assertEquals(
        Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")),
        value("!GetAtt Db.Endpoint.Address"));
    assertEquals(Map.of("Fn::GetAtt", List.of("Bucket", "Arn")), value("!GetAtt [Bucket, Arn]"));
  }

  @Test
  void functionTagsBecomeFnKeysAndNestInsideEachOther() {
    assertEquals(
        Map.of("Fn::Sub", List.of("${A}-x", Map.of("A", Map.of("Ref", "P")))),
        value("!Sub [\"${A}-x\", {A: !Ref P}]"));
    assertEquals(
        Map.of(
            "Fn::If", List.of("IsProd", Map.of("Fn::Join", List.of("-", List.of("a", "b"))), "c")),
        value("!If [IsProd, !Join [\"-\", [a, b]], c]"));
    assertEquals(
        Map.of("Fn::Equals", List.of(Map.of("Ref", "Mode"), "prod")),
        value("!Equals [!Ref Mode, prod]"));
    assertEquals(
        Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))),
        value("!Select [0, !GetAZs '']"));
    assertEquals(Map.of("Fn::ImportValue", "shared-vpc"), value("!ImportValue shared-vpc"));
    assertEquals(Map.of("Fn::Base64", "text"), value("!Base64 text"));
    assertEquals(Map.of("Fn::FindInMap", List.of("M", "a", "b")), value("!FindInMap [M, a, b]"));
    assertEquals(Map.of("Fn::Split", List.of(",", "a,b")), value("!Split [\",\", \"a,b\"]"));
  }

  @Test
  void unquotedDatesStayStrings() {
    assertEquals(
        "2010-09-09",
        CloudFormationYaml.parse("AWSTemplateFormatVersion: 2010-09-09")
            .get("AWSTemplateFormatVersion"));
  }

  @Test
  void documentThatIsNotAMappingIsRejected() {
    assertThrows(TemplateException.class, () -> CloudFormationYaml.parse("- a\n- b"));
  }
}
