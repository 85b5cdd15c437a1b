package org.newsindex.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicResolverTest {
  private static final String TEMPLATE =
      """
      Mappings:
        Sizes:
          prod: { memory: 2048 }
          test: { memory: 512 }
      Conditions:
        IsProd: !Equals [!Ref Mode, prod]
        IsTest: !Not [!Condition IsProd]
        IsProdInUsEast: !And [!Condition IsProd, !Equals [!Ref "AWS::Region", us-east-1]]
        IsAnything: !Or [!Condition IsProd, !Condition IsTest]
      Resources:
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketName: !Sub "${AWS::StackName}-corpus-${AWS::AccountId}-${AWS::Region}"
        AutoBucket:
          Type: AWS::S3::Bucket
        Table:
          Type: AWS::DynamoDB::Table
        Worker:
          Type: AWS::Serverless::Function
        Queue:
          Type: AWS::SQS::Queue
      """;

  private final IntrinsicResolver resolver =
      resolver(Map.of("Mode", "test", "Zones", List.of("a", "b")));

  private static IntrinsicResolver resolver(Map<String, Object> parameters) {
    Map<String, Object> root = CloudFormationYaml.parse(TEMPLATE);
    return new IntrinsicResolver(
        StackIdentity.local("shop"),
        parameters,
        Map.of("shared-vpc", "vpc-123"),
        Values.asMap(root.get("Mappings"), "Mappings"),
        Values.asMap(root.get("Conditions"), "Conditions"),
        Values.asMap(root.get("Resources"), "Resources"));
  }

  private Object resolve(String yaml) {
    return resolver.resolve(CloudFormationYaml.parse("v: " + yaml).get("v"));
  }

  @Test
  void subReplacesPseudoParametersParametersAndResourceNames() {
    assertEquals("shop-corpus-000000000000-us-east-1", resolve("!Ref Bucket"));
    assertEquals(
        "mode=test bucket=shop-corpus-000000000000-us-east-1",
        resolve("!Sub \"mode=${Mode} bucket=${Bucket}\""));
    assertEquals("aws amazonaws.com", resolve("!Sub \"${AWS::Partition} ${AWS::URLSuffix}\""));
  }

  @Test
  void subTakesVariablesFromItsMapAndKeepsEscapedPlaceholders() {
    assertEquals("x-test ${Literal}", resolve("!Sub [\"${Name}-${Mode} ${!Literal}\", {Name: x}]"));
  }

  @Test
  void resourcesWithoutNamesGetStackBasedNames() {
    assertEquals("shop-autobucket", resolve("!Ref AutoBucket"));
    assertEquals("shop-Table", resolve("!Ref Table"));
    assertEquals(
        "https://sqs.us-east-1.amazonaws.com/000000000000/shop-Queue", resolve("!Ref Queue"));
  }

  @Test
  void getAttArnIsALocalArnForEachResourceType() {
    assertEquals(
        "arn:aws:dynamodb:us-east-1:000000000000:table/shop-Table", resolve("!GetAtt Table.Arn"));
    assertEquals(
        "arn:aws:lambda:us-east-1:000000000000:function:shop-Worker",
        resolve("!GetAtt Worker.Arn"));
    assertEquals("arn:aws:s3:::shop-autobucket", resolve("!GetAtt AutoBucket.Arn"));
    assertEquals("arn:aws:sqs:us-east-1:000000000000:shop-Queue", resolve("!Sub \"${Queue.Arn}\""));
    assertEquals("shop-Queue", resolve("!GetAtt Queue.QueueName"));
  }

  @Test
  void joinSelectAndSplitWorkOnResolvedLists() {
    assertEquals("a/b", resolve("!Join [\"/\", !Ref Zones]"));
    assertEquals("b", resolve("!Select [1, !Split [\",\", \"a,b,c\"]]"));
    assertEquals("us-east-1a", resolve("!Select [\"0\", !GetAZs \"\"]"));
    assertEquals("x-shop", resolve("!Join [\"-\", [x, !Ref \"AWS::StackName\"]]"));
  }

  @Test
  void conditionsEvaluateEqualsNotAndOr() {
    assertFalse(resolver.condition("IsProd"));
    assertTrue(resolver.condition("IsTest"));
    assertFalse(resolver.condition("IsProdInUsEast"));
    assertTrue(resolver.condition("IsAnything"));
    assertTrue(resolver(Map.of("Mode", "prod")).condition("IsProdInUsEast"));
  }

  @Test
  void ifChoosesABranchAndNoValueRemovesTheProperty() {
    assertEquals("small", resolve("!If [IsProd, big, small]"));
    assertEquals(
        Map.of("Keep", "1"),
        resolve("{Keep: \"1\", Drop: !If [IsProd, x, !Ref \"AWS::NoValue\"]}"));
    assertEquals(List.of("a"), resolve("[a, !If [IsProd, b, !Ref \"AWS::NoValue\"]]"));
  }

  @Test
  void findInMapImportValueAndBase64() {
    assertEquals(512, resolve("!FindInMap [Sizes, !Ref Mode, memory]"));
    assertEquals("vpc-123", resolve("!ImportValue shared-vpc"));
    assertEquals("aGk=", resolve("!Base64 hi"));
  }

  @Test
  void unknownReferencesAndUnsupportedFunctionsAreNamedInTheError() {
    TemplateException unknown =
        assertThrows(TemplateException.class, () -> resolve("!Ref Nothing"));
    assertTrue(unknown.getMessage().contains("Nothing"));
    assertThrows(TemplateException.class, () -> resolve("!ImportValue missing"));
    assertThrows(TemplateException.class, () -> resolve("!Cidr [a, 1, 2]"));
  }
}
