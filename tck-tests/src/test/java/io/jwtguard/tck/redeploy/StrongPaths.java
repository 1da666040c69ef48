package io.jwtguard.tck.redeploy;

import java.io.File;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridkit.jvmtool.heapdump.HeapWalker;
import org.netbeans.lib.profiler.heap.FieldValue;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;
import org.netbeans.lib.profiler.heap.Value;

/**
 * Reads a heap dump and answers, for every class loader that holds a copy of a class, what strongly
 * holds it: the shortest chain of strong references from a GC root. References through
 * {@code java.lang.ref.Reference#referent} (weak, soft, phantom, and finalizer references: an object
 * waiting for its finalizer is not strongly held) do not count.
 */
public final class StrongPaths {
    private static final int MAX_VISITED = 2_000_000;

    private StrongPaths() {
    }

    /**
     * @return per class loader that defined a class named {@code className}, the class names along the
     *     shortest strong path from a GC root to it (root first), or an empty list when nothing holds it
     */
    public static Map<String, List<String>> toLoadersOf(File heapDump, String className) throws IOException {
        Heap heap = HeapFactory.createHeap(heapDump);
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Object found : heap.getJavaClassesByRegExp(java.util.regex.Pattern.quote(className))) {
            JavaClass type = (JavaClass) found;
            Instance loader = type.getClassLoader();
            if (loader != null) {
                result.put(loader.getJavaClass().getName() + "#" + loader.getInstanceId(), path(heap, loader));
            }
        }
        return result;
    }

    private static List<String> path(Heap heap, Instance target) {
        Map<Long, Long> towardsTarget = new HashMap<>();
        ArrayDeque<Instance> queue = new ArrayDeque<>();
        queue.add(target);
        towardsTarget.put(target.getInstanceId(), -1L);
        while (!queue.isEmpty() && towardsTarget.size() < MAX_VISITED) {
            Instance current = queue.poll();
            if (heap.getGCRoot(current) != null) {
                List<String> path = new ArrayList<>();
                for (long id = current.getInstanceId(); id != -1; id = towardsTarget.get(id)) {
                    path.add(describe(heap, heap.getInstanceByID(id)));
                }
                return path;
            }
            for (Object reference : current.getReferences()) {
                Value value = (Value) reference;
                Instance from = value.getDefiningInstance();
                if (isReferentOfAReference(value, from) || towardsTarget.containsKey(from.getInstanceId())) {
                    continue;
                }
                towardsTarget.put(from.getInstanceId(), current.getInstanceId());
                queue.add(from);
            }
        }
        return List.of();
    }

    private static boolean isReferentOfAReference(Value value, Instance from) {
        if (!(value instanceof FieldValue) || !((FieldValue) value).getField().getName().equals("referent")) {
            return false;
        }
        for (JavaClass type = from.getJavaClass(); type != null; type = type.getSuperClass()) {
            if (type.getName().equals("java.lang.ref.Reference")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Heap heap, Instance instance) {
        if (instance.getJavaClass().getName().equals("java.lang.Class")) {
            JavaClass type = heap.getJavaClassByID(instance.getInstanceId());
            return "class " + (type == null ? "?" : type.getName());
        }
        String type = instance.getJavaClass().getName();
        if (isThread(instance)) {
            // which thread holds a loader is the first question; its name answers it
            return type + " \"" + threadName(instance) + "\"";
        }
        return type;
    }

    private static boolean isThread(Instance instance) {
        for (JavaClass type = instance.getJavaClass(); type != null; type = type.getSuperClass()) {
            if (type.getName().equals("java.lang.Thread")) {
                return true;
            }
        }
        return false;
    }

    private static String threadName(Instance thread) {
        try {
            Object name = HeapWalker.valueOf(thread, "name");
            return String.valueOf(name);
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
