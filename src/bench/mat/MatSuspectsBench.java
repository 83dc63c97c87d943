import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.*;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.ContributorFactorySimple;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.content.IContentType;
import org.eclipse.core.runtime.dynamichelpers.ExtensionTracker;
import org.eclipse.mat.internal.MATPlugin;
import org.eclipse.mat.parser.internal.ParserPlugin;
import org.eclipse.mat.report.internal.ReportPlugin;
import org.eclipse.mat.parser.internal.SnapshotFactoryImpl;
import org.eclipse.mat.parser.internal.SnapshotImpl;
import org.eclipse.mat.parser.internal.util.ParserRegistry;
import org.eclipse.mat.snapshot.ISnapshot;
import org.eclipse.mat.snapshot.model.GCRootInfo;
import org.eclipse.mat.snapshot.model.IClass;
import org.eclipse.mat.snapshot.model.IObject;
import org.eclipse.mat.snapshot.model.NamedReference;
import org.eclipse.mat.util.IProgressListener;

/**
 * Eclipse MAT (plain classpath, no OSGi) benchmark; a copy of /work/shared/peers/mat/MatBench.java with
 * one more mode, {@code suspects}: a fresh full parse, then MAT's Leak Suspects query ({@code leakhunter},
 * LeakHunterQuery: FindLeaksQuery's suspects by retained size and accumulation points, then for each one
 * the shortest paths, the accumulated classes and the description the Leak Suspects report shows).
 *
 *   suspects : parse (as below), then SnapshotQuery.parse("leakhunter", snapshot).execute(listener)
 *
 * java -Xmx8g -cp mat-noosgi.jar:deps... MatBench parse|paths|all dump.hprof [className] [maxTargets]
 *   parse : delete MAT index files, run MAT's full parse (SnapshotFactoryImpl.parse: HPROF pass1+pass2,
 *           GarbageCleaner (unreachable-object removal + index rewrite), dominator tree + retained sizes,
 *           min retained size per class) -> writes <dump-prefix>.*.index
 *   paths : reopen the existing index files, then shortest paths from GC roots for the first maxTargets
 *           instances of className, with java.lang.ref.Reference:referent (and subclasses) excluded,
 *           via ISnapshot.getMultiplePathsFromGCRoots(ids, excludeMap).getAllPaths()
 *   all   : parse then paths in one process
 */
public class MatSuspectsBench
{
    static final long T0 = System.nanoTime();

    static double ms(long t)
    {
        return (System.nanoTime() - t) / 1e6;
    }

    public static void main(String[] a) throws Exception
    {
        String mode = a[0];
        File dump = new File(a[1]).getAbsoluteFile();
        String cls = a.length > 2 ? a[2] : "java.util.HashMap$Node";
        int max = a.length > 3 ? Integer.parseInt(a[3]) : 100_000;

        bootstrapWithoutOsgi();
        System.out.printf("bootstrap (extension registry, parser registry) %.0f ms%n", ms(T0));

        String name = dump.getName();
        int p = name.lastIndexOf('.');
        String prefix = new File(dump.getParentFile(), p >= 0 ? name.substring(0, p + 1) : name + ".").getPath();

        ISnapshot snap;
        if (mode.equals("parse") || mode.equals("all") || mode.equals("suspects"))
        {
            // same as SnapshotFactoryImpl.openSnapshot -> deleteIndexFiles: start from a fresh state
            File dir = dump.getParentFile();
            String base = new File(prefix).getName();
            for (File f : Objects.requireNonNull(dir.listFiles()))
                if (f.getName().startsWith(base) && (f.getName().endsWith("index") || f.getName().endsWith("threads")))
                    f.delete();
            PhaseListener pl = new PhaseListener();
            long t = System.nanoTime();
            // MAT's own parse pipeline (private; openSnapshot() itself first consults the OSGi content-type
            // manager, which only serves to pick a parser; we pass no content types -> parser chosen by file name)
            Method parse = SnapshotFactoryImpl.class.getDeclaredMethod("parse", File.class, String.class, Map.class,
                            List.class, IProgressListener.class);
            parse.setAccessible(true);
            snap = (ISnapshot) parse.invoke(new SnapshotFactoryImpl(), dump, prefix, new HashMap<String, String>(),
                            new ArrayList<IContentType>(), pl);
            pl.end();
            System.out.printf("MAT parse+index+dominators total %.0f ms%n", ms(t));
            pl.print();
        }
        else
        {
            long t = System.nanoTime();
            snap = SnapshotImpl.readFromFile(dump, prefix, new PhaseListener());
            System.out.printf("MAT reopen from index files %.0f ms%n", ms(t));
        }
        System.out.printf("objects %d, gc roots %d, used heap %d bytes%n", snap.getSnapshotInfo().getNumberOfObjects(),
                        snap.getGCRoots().length, snap.getSnapshotInfo().getUsedHeapSize());

        if (mode.equals("paths") || mode.equals("all"))
            paths(snap, cls, max);
        if (mode.equals("suspects"))
            suspects(snap);
        System.out.printf("process total %.0f ms%n", ms(T0));
        snap.dispose();
    }

    static void suspects(ISnapshot snap) throws Exception
    {
        long t = System.nanoTime();
        org.eclipse.mat.query.IResult r = org.eclipse.mat.snapshot.query.SnapshotQuery.parse("leakhunter", snap)
                        .execute(new PhaseListener());
        System.out.printf("MAT leakhunter (leak suspects) %.0f ms%n", ms(t));
        if (r instanceof org.eclipse.mat.report.SectionSpec spec)
        {
            System.out.println("suspects: " + spec.getChildren().size() + " sections");
            for (org.eclipse.mat.report.Spec child : spec.getChildren())
                System.out.println("  " + child.getName());
        }
        else
            System.out.println("result: " + r);
    }

    static void paths(ISnapshot snap, String cls, int max) throws Exception
    {
        long t = System.nanoTime();
        Collection<IClass> cs = snap.getClassesByName(cls, false);
        if (cs == null || cs.isEmpty())
            throw new IllegalArgumentException("no class " + cls);
        int[] all = cs.iterator().next().getObjectIds();
        Arrays.sort(all); // MAT object ids are in address order ~ dump order
        int[] ids = Arrays.copyOf(all, Math.min(max, all.length));
        // Same conversion as MAT's Path2GCRootsQuery.convert for "-excludes java.lang.ref.Reference:referent"
        Map<IClass, Set<String>> excl = new HashMap<>();
        for (IClass c : snap.getClassesByName(Pattern.compile("java.lang.ref.Reference"), true))
            excl.put(c, new HashSet<>(List.of("referent")));
        System.out.printf("targets: %d of %d %s; exclude map %d classes; lookup %.0f ms%n", ids.length, all.length, cls,
                        excl.size(), ms(t));

        long t1 = System.nanoTime();
        Object[] res = snap.getMultiplePathsFromGCRoots(ids, excl).getAllPaths(new PhaseListener());
        System.out.printf("MAT getMultiplePathsFromGCRoots(%d ids).getAllPaths: %.0f ms, %d paths%n", ids.length,
                        ms(t1), res.length);
        TreeMap<Integer, Integer> lens = new TreeMap<>();
        for (Object o : res)
            lens.merge(((int[]) o).length, 1, Integer::sum);
        System.out.println("path length (objects incl. root and target) histogram: " + lens);

        int single = Integer.getInteger("single", 0); // optional: per-object API for comparison
        if (single > 0)
        {
            long t2 = System.nanoTime();
            int found = 0;
            for (int i = 0; i < Math.min(single, ids.length); i++)
                if (snap.getPathsFromGCRoots(ids[i], excl).getNextShortestPath() != null)
                    found++;
            System.out.printf("MAT getPathsFromGCRoots(id).getNextShortestPath() x %d: %.0f ms (%d found)%n",
                            Math.min(single, ids.length), ms(t2), found);
        }

        int[] path = (int[]) res[0];
        System.out.println("example path (GC root first):");
        for (int i = path.length - 1; i >= 0; i--)
        {
            IObject o = snap.getObject(path[i]);
            StringBuilder sb = new StringBuilder("  ");
            if (i < path.length - 1)
                sb.append("--").append(fieldName(snap, path[i + 1], path[i])).append("--> ");
            sb.append(o.getTechnicalName());
            if (i == path.length - 1)
            {
                GCRootInfo[] gi = snap.getGCRootInfo(path[i]);
                if (gi != null)
                    sb.append("  [GC root: ").append(GCRootInfo.getTypeSetAsString(gi)).append(']');
            }
            System.out.println(sb);
        }
    }

    static String fieldName(ISnapshot snap, int from, int to) throws Exception
    {
        List<String> names = new ArrayList<>();
        for (NamedReference r : snap.getObject(from).getOutboundReferences())
            if (r.getObjectId() == to)
                names.add(r.getName());
        return String.join("|", names);
    }

    /**
     * What the OSGi framework would otherwise provide: the Eclipse extension registry (equinox.registry's
     * non-OSGi mode, fed with MAT's own plugin.xml files) and ParserPlugin's start() state
     * (its ParserRegistry built from that registry).
     */
    static void bootstrapWithoutOsgi() throws Exception
    {
        Object master = new Object();
        IExtensionRegistry reg = RegistryFactory.createRegistry(null, master, null);
        RegistryFactory.setDefaultRegistryProvider(() -> reg);
        for (String id : new String[] { "org.eclipse.mat.report", "org.eclipse.mat.api", "org.eclipse.mat.parser",
                        "org.eclipse.mat.hprof" })
        {
            try (InputStream in = MatSuspectsBench.class.getResourceAsStream("/matplugins/" + id + "/plugin.xml"))
            {
                if (!reg.addContribution(in, ContributorFactorySimple.createContributor(id), false, id, null /* no %name translation */, master))
                    System.out.println("warning: contribution problems for " + id);
            }
        }
        // body of ReportPlugin/MATPlugin/ParserPlugin.start(BundleContext), minus Plugin.start (OSGi bundle)
        activate(new ReportPlugin(), new ExtensionTracker(reg));
        activate(new MATPlugin(), new ExtensionTracker(reg));
        ParserPlugin pp = new ParserPlugin();
        ExtensionTracker tracker = new ExtensionTracker(reg);
        set(pp, "registry", new ParserRegistry(tracker));
        activate(pp, tracker);
        if (pp.getParserRegistry().matchParser("x.hprof").isEmpty())
            throw new IllegalStateException("HPROF parser not registered");
    }

    static void activate(Object plugin, ExtensionTracker tracker) throws Exception
    {
        set(plugin, "tracker", tracker);
        Field f = plugin.getClass().getDeclaredField("plugin");
        f.setAccessible(true);
        f.set(null, plugin);
    }

    static void set(Object o, String field, Object v) throws Exception
    {
        Field f = o.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(o, v);
    }

    /** Records wall-clock time at each top-level task name (SimpleMonitor forwards phase names as subTask). */
    static class PhaseListener implements IProgressListener
    {
        final List<String> names = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        String last = "";

        void mark(String n)
        {
            if (n == null)
                return;
            String head = n.split("\n", 2)[0];
            if (head.startsWith("Writing ") || head.equals(last))
                return;
            last = head;
            names.add(head);
            times.add(System.nanoTime());
        }

        void end()
        {
            names.add("<end>");
            times.add(System.nanoTime());
        }

        void print()
        {
            for (int i = 0; i + 1 < names.size(); i++)
                System.out.printf("  phase %7.0f ms  %s%n", (times.get(i + 1) - times.get(i)) / 1e6, names.get(i));
        }

        public void beginTask(String name, int totalWork)
        {
            mark(name);
        }

        public void subTask(String name)
        {
            mark(name);
        }

        public void done()
        {}

        public boolean isCanceled()
        {
            return false;
        }

        public void setCanceled(boolean value)
        {}

        public void worked(int work)
        {}

        public void sendUserMessage(Severity severity, String message, Throwable exception)
        {
            System.out.println("  [" + severity + "] " + message + (exception != null ? " " + exception : ""));
        }
    }
}
