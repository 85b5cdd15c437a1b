package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.corpus.CorpusParser;
import org.newsindex.index.IndexTable;
import org.newsindex.index.PostingListEditor;
import org.newsindex.ingest.IngestService;
import org.newsindex.ingest.S3CorpusObjects;

/**
 * Under SnapStart, every execution environment restored from one snapshot starts with the same
 * memory, so a lease owner named in a constructor would be shared and let two compactors run at
 * once. The ingest service therefore names its owner for each attempt to compact (the functions draw
 * a random name, and Lambda reseeds randomness on restore).
 */
class LeaseOwnerTest {
  @RegisterExtension
  static final TestCloud cloud = TestCloud.empty();
  private static IsolatedIngest ingest;

  @BeforeAll
  static void start() {
    ingest = new IsolatedIngest(cloud);
  }


  private static IngestService service(List<String> drawn) {
    return new IngestService(new IndexTable(cloud.dynamoDb, ingest.table), new S3CorpusObjects(cloud.s3, ingest.bucket),
        new CorpusParser(200_000), new TextAnalyzer(), 10L * 1024 * 1024, PostingListEditor.MAX_CHUNK_BYTES,
        Duration.ofSeconds(30), () -> {
          String owner = "owner-" + drawn.size();
          drawn.add(owner);
          return owner;
        }, Clock.systemUTC());
  }

  @Test
  void eachAttemptToCompactHoldsTheLeaseUnderAFreshName() {
    List<String> drawn = new ArrayList<>();
    IngestService service = service(drawn);

    IsolatedIngest.handle(service, ingest.put("lease/a.txt", Corpora.article("Kestrels nest early.", "Kestrels")));
    IsolatedIngest.handle(service, ingest.put("lease/b.txt", Corpora.article("Falcons nest late.", "Falcons")));

    assertTrue(drawn.size() >= 2, drawn.toString());
    assertEquals(drawn.size(), new HashSet<>(drawn).size(), drawn.toString());
  }
}
