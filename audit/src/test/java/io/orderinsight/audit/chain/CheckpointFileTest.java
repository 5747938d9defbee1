package io.orderinsight.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint file: one JSON line per checkpoint, appended; a line cut short by a crash does not count and the
 * next checkpoint starts on a line of its own; any other line that is no checkpoint is named.
 */
class CheckpointFileTest {

    @TempDir
    Path directory;

    @Test
    void appendsOneLinePerCheckpointAndReadsThemBackInOrder() {
        SigningKeys keys = SigningKeys.inDirectory(directory.resolve("keys"));
        CheckpointFile file = new CheckpointFile(directory.resolve("audit").resolve("checkpoints.ndjson"));
        Checkpoint first =
                Checkpoint.sign(keys, 4, "a".repeat(64), Instant.parse("2026-03-01T00:00:00Z"), ChainLink.GENESIS);
        Checkpoint second =
                Checkpoint.sign(keys, 9, "b".repeat(64), Instant.parse("2026-03-01T00:01:00Z"), first.hash());

        assertThat(file.last()).isNull();
        file.append(first);
        file.append(second);

        assertThat(file.read().checkpoints()).containsExactly(first, second);
        assertThat(file.last()).isEqualTo(second);
        assertThat(second.signedBy(keys.publicKey())).isTrue();
    }

    @Test
    void ignoresALastLineCutShortAndStartsTheNextCheckpointOnItsOwnLine() throws Exception {
        SigningKeys keys = SigningKeys.inDirectory(directory.resolve("keys"));
        CheckpointFile file = new CheckpointFile(directory.resolve("checkpoints.ndjson"));
        Checkpoint first =
                Checkpoint.sign(keys, 1, "a".repeat(64), Instant.parse("2026-03-01T00:00:00Z"), ChainLink.GENESIS);
        file.append(first);
        Files.writeString(file.path(), "{\"chainSeq\":2,\"ha", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(file.last()).isEqualTo(first);
        assertThat(file.read()).isEqualTo(new CheckpointFile.Lines(java.util.List.of(first), null));

        Checkpoint second =
                Checkpoint.sign(keys, 2, "b".repeat(64), Instant.parse("2026-03-01T00:01:00Z"), first.hash());
        file.append(second);
        CheckpointFile.Lines lines = file.read();
        assertThat(lines.checkpoints()).containsExactly(first);
        assertThat(lines.badLine()).isEqualTo(2);
        assertThat(file.last()).isEqualTo(second);
    }
}
