package dev.rightsplatform.testsupport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Tarjan's strongly connected components of a small directed graph: every group of more than one node is a cycle. */
final class StronglyConnected {

    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<SortedSet<String>> groups = new ArrayList<>();
    private int next;

    StronglyConnected(Map<String, Set<String>> graph) {
        this.graph = graph;
    }

    /** The groups of two or more nodes that reach each other, each sorted. */
    List<SortedSet<String>> groups() {
        for (var node : graph.keySet()) {
            if (!index.containsKey(node)) {
                visit(node);
            }
        }
        return groups;
    }

    private void visit(String node) {
        index.put(node, next);
        low.put(node, next);
        next++;
        stack.push(node);
        onStack.add(node);
        for (var target : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(target)) {
                visit(target);
                low.put(node, Math.min(low.get(node), low.get(target)));
            } else if (onStack.contains(target)) {
                low.put(node, Math.min(low.get(node), index.get(target)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            var group = new TreeSet<String>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                group.add(member);
            } while (!member.equals(node));
            if (group.size() > 1) {
                groups.add(group);
            }
        }
    }
}
