use super::*;

#[test]
fn second_open_sees_the_holder_and_stale_locks_clear() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("pm.toml");
    let LockAttempt::Acquired { lock, cleared } = acquire(&doc).expect("lock") else {
        panic!("first open must get the lock");
    };
    assert!(cleared.is_none());
    assert!(lock_path(&doc).exists());
    match acquire(&doc).expect("second") {
        LockAttempt::Held(owner) => assert_eq!(owner.pid, std::process::id()),
        LockAttempt::Acquired { .. } => panic!("second open must see the holder"),
    }
    drop(lock);
    assert!(
        !lock_path(&doc).exists(),
        "dropping the lock removes the file"
    );

    // A lock left by a process that is gone.
    let mut dead = LockOwner::current();
    dead.pid = u32::MAX - 1;
    fs::write(lock_path(&doc), serde_json::to_string(&dead).expect("json")).expect("write");
    match acquire(&doc).expect("stale") {
        LockAttempt::Acquired { cleared, .. } => assert_eq!(cleared, Some(dead)),
        LockAttempt::Held(_) => panic!("a stale lock must be cleared"),
    }
}

/// Editors taking over a dead owner's session race for its stale
/// lock: exactly one gets it, every time.
#[test]
fn of_many_clearing_one_stale_lock_at_once_exactly_one_takes_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("pm.toml");
    let mut dead = LockOwner::current();
    dead.pid = u32::MAX - 1;
    for round in 0..100 {
        fs::write(lock_path(&doc), serde_json::to_string(&dead).expect("json")).expect("write");
        let start = std::sync::Arc::new(std::sync::Barrier::new(6));
        let racers: Vec<_> = (0..6)
            .map(|_| {
                let (doc, start) = (doc.clone(), std::sync::Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    acquire(&doc).expect("lock")
                })
            })
            .collect();
        let attempts: Vec<LockAttempt> = racers
            .into_iter()
            .map(|r| r.join().expect("racer"))
            .collect();
        let won = attempts
            .iter()
            .filter(|a| matches!(a, LockAttempt::Acquired { .. }))
            .count();
        assert_eq!(won, 1, "round {round}: {won} took the lock");
        drop(attempts);
        assert!(!lock_path(&doc).exists());
    }
}

#[test]
fn takeover_leaves_the_new_owners_file_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("pm.toml");
    let LockAttempt::Acquired { lock: first, .. } = acquire(&doc).expect("lock") else {
        panic!("lock");
    };
    // Simulate the other process: a different owner takes over.
    let mut other = LockOwner::current();
    other.pid += 1;
    fs::write(
        lock_path(&doc),
        serde_json::to_string(&other).expect("json"),
    )
    .expect("write");
    assert!(!first.still_ours());
    drop(first);
    assert_eq!(
        holder(&doc),
        Some(other),
        "the old holder must not delete the new lock"
    );
}
