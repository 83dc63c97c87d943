package io.leakwatch.markers;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a class file's version and every type its constant pool names: class entries and the types
 * inside descriptors and signatures (any Utf8 entry holding {@code Lsome/Type;}).
 *
 * @param major           class file major version (52 = Java 8)
 * @param referencedTypes internal names, e.g. {@code java/lang/Object}
 */
public record ClassFileRefs(int major, Set<String> referencedTypes) {

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w$]+(?:/[\\w$]+)+)[;<]");

    public static ClassFileRefs read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        int major = in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNameIndexes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndexes.add(in.readUnsignedShort());
                case 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        Set<String> types = new TreeSet<>();
        for (int index : classNameIndexes) {
            String name = utf8[index];
            if (!name.startsWith("[")) {
                types.add(name);
            }
        }
        for (String text : utf8) {
            if (text != null) {
                Matcher m = TYPE_IN_DESCRIPTOR.matcher(text);
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
        }
        return new ClassFileRefs(major, types);
    }
}
