package io.leakwatch.history;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records of a history file's bytes up to the first damage, and where and what that damage
 * was. A frame cut short at the end of the file (a crash in the middle of an append) counts as
 * damage too, so its bytes are set aside like any other rather than dropped.
 *
 * @param records      records before the damage, in file order
 * @param damageOffset offset of the first damaged byte, -1 when the whole file is sound
 * @param damage       what was wrong, empty when sound
 */
record LogScan(List<HistoryRecord> records, long damageOffset, String damage) {

    boolean sound() {
        return damageOffset < 0;
    }

    static LogScan of(byte[] file) {
        List<HistoryRecord> records = new ArrayList<>();
        if (file.length == 0) {
            return new LogScan(records, -1, "");
        }
        byte[] header = RecordCodec.HEADER;
        if (file.length < header.length || !Arrays.equals(file, 0, header.length, header, 0, header.length)) {
            return new LogScan(records, 0, "not a LeakWatch history file (bad header)");
        }
        ByteBuffer buf = ByteBuffer.wrap(file);
        int pos = header.length;
        while (pos < file.length) {
            int remaining = file.length - pos;
            if (remaining < RecordCodec.FRAME_OVERHEAD) {
                return new LogScan(records, pos, "frame header cut short (" + remaining + " of 8 bytes): interrupted write");
            }
            int length = buf.getInt(pos);
            int crc = buf.getInt(pos + 4);
            if (length < 0 || length > RecordCodec.MAX_PAYLOAD) {
                return new LogScan(records, pos, "impossible record length " + length);
            }
            if (remaining - RecordCodec.FRAME_OVERHEAD < length) {
                return new LogScan(records, pos, "record cut short (" + (remaining - RecordCodec.FRAME_OVERHEAD)
                        + " of " + length + " bytes): interrupted write");
            }
            int payload = pos + RecordCodec.FRAME_OVERHEAD;
            if (RecordCodec.crc(file, payload, length) != crc) {
                return new LogScan(records, pos, "CRC mismatch in record " + records.size());
            }
            try {
                records.add(RecordCodec.decode(file, payload, length));
            } catch (IllegalArgumentException e) {
                return new LogScan(records, pos, "record " + records.size() + " unreadable: " + e.getMessage());
            }
            pos = payload + length;
        }
        return new LogScan(records, -1, "");
    }
}
