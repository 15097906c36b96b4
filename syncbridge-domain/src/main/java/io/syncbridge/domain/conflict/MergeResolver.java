package io.syncbridge.domain.conflict;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.error.PathConflict;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.state.StateDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MERGE: a stale change is rebased when none of its paths overlaps (equals, contains or lies
 * within) a path touched since its base version; otherwise it is rejected naming those paths.
 * A move or copy touches both its {@code from} and its {@code path}.
 * Without the log back to the base version there is nothing to compare with, so it acts as STRICT.
 */
public final class MergeResolver implements ConflictResolver {

    public static final MergeResolver INSTANCE = new MergeResolver();

    private MergeResolver() {
    }

    @Override
    public Resolution resolve(Change change, long currentVersion, Optional<List<AppliedChange>> since,
                              StateDocument current) {
        if (since.isEmpty()) {
            return StrictResolver.INSTANCE.resolve(change, currentVersion, since, current);
        }
        Set<JsonPointer> touched = new LinkedHashSet<>();
        for (AppliedChange newer : since.get()) {
            if (newer.version() > change.baseVersion()) {
                newer.operations().stream().filter(op -> !(op instanceof PatchOperation.Test))
                        .forEach(op -> touched.addAll(touchedBy(op)));
            }
        }
        Set<JsonPointer> conflicting = new LinkedHashSet<>();
        for (PatchOperation op : change.operations()) {
            List<JsonPointer> paths = op.paths();
            for (int i = 0; i < paths.size(); i++) {
                JsonPointer raw = paths.get(i);
                JsonPointer mine = widened(op, i, raw);
                for (JsonPointer theirs : touched) {
                    if (mine.overlaps(theirs)) {
                        conflicting.add(raw);
                    }
                }
            }
        }
        if (conflicting.isEmpty()) {
            return new Resolution.Apply(ChangeOutcome.REBASED);
        }
        List<PathConflict> conflicts = new ArrayList<>(conflicting.size());
        for (JsonPointer path : conflicting) {
            conflicts.add(new PathConflict(path, current.valueAt(path)));
        }
        return new Resolution.Reject(conflicts);
    }

    /**
     * The locations an operation touches: move and copy touch both {@code from} and {@code path};
     * a test only reads, so a newer change's tests touch nothing (but a stale change's tests still
     * conflict with what was written since, as they checked the old value).
     */
    private static List<JsonPointer> touchedBy(PatchOperation op) {
        List<JsonPointer> paths = op.paths();
        List<JsonPointer> widened = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            widened.add(widened(op, i, paths.get(i)));
        }
        return widened;
    }

    /**
     * An insert or removal inside an array shifts its siblings' indexes, so array element
     * operations count as touching the whole array. A numeric or "-" last token marks them;
     * a replace or test of an element leaves the indexes alone, and so does the {@code from} of a copy.
     */
    private static JsonPointer widened(PatchOperation op, int index, JsonPointer path) {
        boolean shifts = switch (op) {
            case PatchOperation.Replace ignored -> false;
            case PatchOperation.Test ignored -> false;
            case PatchOperation.Copy ignored -> index == 1; // paths() is [from, path]
            default -> true;
        };
        if (path.isRoot() || !shifts) {
            return path;
        }
        String last = path.lastToken();
        boolean arrayIndex = last.equals("-") || (!last.isEmpty() && last.chars().allMatch(Character::isDigit));
        return arrayIndex ? path.parent() : path;
    }
}
