/**
 * Report writers for a {@link io.leakwatch.analysis.LeakAnalysis}: text in the spirit of windbg's
 * {@code !gcroot} ({@link io.leakwatch.report.TextReportWriter}), one self-contained HTML page
 * ({@link io.leakwatch.report.HtmlReportWriter}) and JSON ({@link io.leakwatch.report.JsonReportWriter}).
 * Each part of a report is a section per format (the leak suspects: {@code SuspectsText},
 * {@code SuspectsJson} and the template {@code suspects.peb}), which the writers call in order; a
 * new part (allocation sites, a heap diff) adds its sections and one call per writer. HTML comes
 * only from Pebble templates under {@code src/main/resources/io/leakwatch/report/html/}, which
 * escape every printed value ({@code HtmlTemplates}): names and values come from the dumped heap.
 * A capture's page starts with {@code capture.peb} ({@code CaptureSection}: target, time, heap,
 * verdict, culprit; an inline SVG chart per triggering series from {@code TrendChart}; the growing
 * types' instances and bytes over detection's window), from the {@link io.leakwatch.model.CaptureContext}
 * the capture service hands down; every chain marks its culprit hop ({@code tr.culprit}).
 *
 * <h2>JSON schema {@code leakwatch.analysis/1}</h2>
 * <pre>
 * {
 *   "schema": "leakwatch.analysis/1",
 *   "dump": { "format": "JAVA PROFILE 1.0.2", "idSize": 8, "objects": n, "references": n, "gcRoots": n },
 *   "leakSuspects": {                       (only when suspects were asked for: analyze with no --type)
 *     "reachableBytes": n, "reachableObjects": n, "threshold": 0.1, "hiddenJdkInternal": n,
 *     "suspects": [ {
 *       "type": "java.util.ArrayList", "culprit": "OrderService.ORDERS", "retainedBytes": n,
 *       "heapShare": 0..1, "jdkInternal": false,
 *       "accumulationPoint": { "type": "java.lang.Object[]", "retainedBytes": n, "fanOut": n },
 *       "retainedTypes": [ { "type": "byte[]", "instances": n, "bytes": n } ],
 *       "chain": { as below, to the accumulation point (the last hop); hops also carry
 *                  "jdkInternal": true | false, the hops a reader may fold } } ] },
 *   "groups": [ {
 *     "name": "com.example.Session" | marker label,  "kind": "type" | "marker",
 *     "instancesInDump": n, "analysed": n, "notStronglyReachable": n,
 *     "shallowBytes": n, "retainedBytes": n, "signatureCount": n,
 *     "signatures": [ {
 *       "key": "one hop per line", "instances": n, "shallowBytes": n, "retainedBytes": n,
 *       "chain": {
 *         "rootKind": "system class" | "thread stack frame" | "JNI global" | ...,
 *         "root": "class X" | "thread \"main\" in C.m(F.java:12)" | ...,
 *         "heldBy": "static field X.F" | root text,
 *         "length": references from the root object to the target,
 *         "accumulationIndex": index into hops of the fan-out hop, -1 when none,
 *         "culpritIndex": index of the hop whose reference holds the leak, -1 when it is the root,
 *         "culprit": "Holder.field" | root text,
 *         "hops": [ { "holderType": "X" | null, "reference": "field" | "static F" | "[i]" | null,
 *                     "objectId": "0x...", "type": "X" | "class X", "shallowBytes": n,
 *                     "retainedBytes": n | -1, "value": "..." | "&lt;redacted&gt;" | null, "fanOut": n,
 *                     "culprit": true on the culprit hop } ]
 *       } } ] } ],
 *   "pathTree": [ {                         (what `leakwatch diff` and the next capture compare)
 *     "key": "tree\nroot kind and type\nholder step ... (one line per hop, array slots [*])",
 *     "label": "suspects: class X -> X.F -> ArrayList.elementData", "instances": n, "bytes": n } ]
 * }
 * </pre>
 * A path-tree node is a chain prefix of the suspects ({@code instances}: the accumulation point's
 * fan-out, {@code bytes}: what it retains) or of a group's signatures (instances and retained bytes),
 * summed over every chain through it. {@link io.leakwatch.report.DiffReportWriter} writes a diff as
 * schema {@code leakwatch.diff/1}: {@code {"schema", "growth": [{"node", "key", "oldInstances",
 * "newInstances", "instanceDelta", "oldBytes", "newBytes", "byteDelta"}]}}, most bytes gained first.
 * Hop 0 is the root object (no holder, no reference); the last hop is the target. Type names are Java
 * source names ({@code byte[]}, {@code java.lang.String[]}), never descriptors. Sizes are bytes as
 * the dump describes objects (a header of two identifiers plus fields, aligned; not corrected for
 * compressed oops). New fields may be added within version 1; anything else bumps the version.
 */
package io.leakwatch.report;
