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
                newer.operations().forEach(op -> touched.add(arrayParentOrSelf(op)));
            }
        }
        Set<JsonPointer> conflicting = new LinkedHashSet<>();
        for (PatchOperation op : change.operations()) {
            JsonPointer mine = arrayParentOrSelf(op);
            for (JsonPointer theirs : touched) {
                if (mine.overlaps(theirs)) {
                    conflicting.add(op.path());
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
     * An insert or removal inside an array shifts its siblings' indexes, so array element
     * operations count as touching the whole array. A numeric or "-" last token marks them.
     */
    private static JsonPointer arrayParentOrSelf(PatchOperation op) {
        JsonPointer path = op.path();
        if (path.isRoot() || op instanceof PatchOperation.Replace) {
            return path;
        }
        String last = path.lastToken();
        boolean arrayIndex = last.equals("-") || (!last.isEmpty() && last.chars().allMatch(Character::isDigit));
        return arrayIndex ? path.parent() : path;
    }
}
