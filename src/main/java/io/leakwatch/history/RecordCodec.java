package io.leakwatch.history;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.TargetIdentity;

/**
 * The binary layout of a history file: a 4-byte header ({@code LWH} and a version byte), then
 * frames of {@code [int payload length][int CRC-32 of the payload][payload]}, big-endian. The
 * payload is a {@link HistoryRecord} in {@link DataOutputStream} form.
 */
final class RecordCodec {

    static final byte[] HEADER = {'L', 'W', 'H', 1};
    static final int FRAME_OVERHEAD = 8;
    /** No real record comes near this; a larger length means the frame header itself is damaged. */
    static final int MAX_PAYLOAD = 16 << 20;

    private RecordCodec() {
    }

    static ByteBuffer frame(HistoryRecord record) {
        byte[] payload = encode(record);
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer buf = ByteBuffer.allocate(FRAME_OVERHEAD + payload.length);
        buf.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        return buf;
    }

    static int crc(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    private static byte[] encode(HistoryRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 48 * r.types().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(r.takenAt().getEpochSecond());
            out.writeInt(r.takenAt().getNano());
            TargetIdentity id = r.identity();
            out.writeLong(id.pid());
            out.writeLong(id.startTimeMillis());
            out.writeUTF(id.mainClass());
            out.writeUTF(id.vmVersion());
            out.writeLong(r.liveHeapBytes());
            out.writeInt(r.types().size());
            for (HistogramEntry e : r.types()) {
                out.writeUTF(e.className());
                out.writeLong(e.instances());
                out.writeLong(e.bytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a payload whose CRC matched.
     *
     * @throws IllegalArgumentException when the payload does not hold a valid record
     */
    static HistoryRecord decode(byte[] data, int offset, int length) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, offset, length))) {
            Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
            TargetIdentity id = new TargetIdentity(in.readLong(), in.readLong(), in.readUTF(), in.readUTF());
            long heap = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > length / 18) {
                throw new IllegalArgumentException("type count " + count + " does not fit a payload of " + length + " bytes");
            }
            List<HistogramEntry> types = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                types.add(new HistogramEntry(in.readUTF(), "", in.readLong(), in.readLong()));
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " bytes left over after the record");
            }
            return new HistoryRecord(at, id, heap, types);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload ends early: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid record: " + e.getMessage(), e);
        }
    }
}
