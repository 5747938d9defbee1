package io.orderinsight.audit.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of checkpoints outside the database, one JSON line each ({@link Checkpoint#toJson}), every line
 * forced to disk before the signer goes on. A writer of the database alone cannot make it agree with a forged chain.
 * Auditors keep files of the same form (from the file itself or the checkpoints topic) for the offline verifier.
 */
public class CheckpointFile {

    /** How far from the end the last line is looked for: a checkpoint's line is about 300 bytes. */
    private static final int TAIL = 8_192;

    /**
     * The checkpoints of a file, in its order, and the number of the first line (from 1) that is not a checkpoint, or
     * null. A last line cut short by a crash while it was written does not count as one.
     */
    public record Lines(List<Checkpoint> checkpoints, Integer badLine) {}

    private final Path path;

    public CheckpointFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Appends the checkpoint as one line and forces it to disk (and, when the file is new, its directory entry). */
    public synchronized void append(Checkpoint checkpoint) {
        try {
            boolean created = !Files.exists(path);
            if (created) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            StringBuilder line = new StringBuilder();
            if (!created && !endsWithNewline()) {
                line.append('\n');
            }
            try (FileChannel file = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                line.append(checkpoint.toJson()).append('\n');
                ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
                file.force(true);
            }
            if (created) {
                forceDirectory(path.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append checkpoint " + checkpoint.chainSeq() + " to " + path, e);
        }
    }

    /** The file's last checkpoint, or null when it has none (or does not exist). */
    public synchronized Checkpoint last() {
        if (!Files.exists(path)) {
            return null;
        }
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = file.size();
            int length = (int) Math.min(size, TAIL);
            ByteBuffer tail = ByteBuffer.allocate(length);
            int read = 0;
            while (read < length) {
                int more = file.read(tail, size - length + read);
                if (more < 0) {
                    break;
                }
                read += more;
            }
            String[] lines = new String(tail.array(), StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    try {
                        return Checkpoint.parse(lines[i]);
                    } catch (IllegalArgumentException e) {
                        // a line cut short by a crash, or the cut-off start of the tail: the one before counts
                    }
                }
            }
            return length == size
                    ? null
                    : read().checkpoints().stream().reduce((a, b) -> b).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every checkpoint of the file, in its order. */
    public synchronized Lines read() {
        if (!Files.exists(path)) {
            return new Lines(List.of(), null);
        }
        try {
            return parse(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkpoints of a text of checkpoint lines. */
    public static Lines parse(String text) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                checkpoints.add(Checkpoint.parse(lines[i]));
            } catch (IllegalArgumentException e) {
                boolean cutShort = i == lines.length - 1;
                if (!cutShort) {
                    return new Lines(checkpoints, i + 1);
                }
            }
        }
        return new Lines(checkpoints, null);
    }

    /** Whether the file is empty or its last line is complete (a crash may have cut the last one short). */
    private boolean endsWithNewline() throws IOException {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            if (file.size() == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            file.read(last, file.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel handle = FileChannel.open(directory, StandardOpenOption.READ)) {
            handle.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened and forced; the file's own data is on disk already
        }
    }
}
