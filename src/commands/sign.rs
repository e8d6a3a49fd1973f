//! `debrief sign FILE --role reviewer|approver`: a sign-off row with the
//! signer's name (git's `user.name`), today's date and the content
//! fingerprint, so lint can tell when the content changes afterwards.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::model::{SignOff, content_fingerprint};
use crate::store;

/// The role a sign-off is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignRole {
    /// Reviewed the document (row role `Reviewed`).
    Reviewer,
    /// Approved it (row role `Approved`).
    Approver,
}

impl SignRole {
    /// The role as the sign-off table writes it.
    fn row_role(self) -> &'static str {
        match self {
            SignRole::Reviewer => "Reviewed",
            SignRole::Approver => "Approved",
        }
    }
}

/// `debrief sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The postmortem to sign.
    pub file: PathBuf,
    /// In which role.
    #[arg(long, value_enum)]
    pub role: SignRole,
    /// Who signs (default: `git config user.name`).
    #[arg(long)]
    pub name: Option<String>,
    /// The date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
}

/// `debrief sign`: adds the row, or renews the signer's own row in that
/// role (date and fingerprint) after a change.
pub fn sign(args: &SignArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let Some(name) = args.name.clone().or_else(|| git_user(&args.file)) else {
        writeln!(
            err,
            "debrief sign: no name: set one with `git config user.name \"Your Name\"` or pass --name"
        )?;
        return Ok(EXIT_UNREADABLE);
    };
    let _lock = store::for_writing(&args.file, "sign").map_err(store::StoreError::from)?;
    let mut doc = store::load(&args.file)?.doc;
    if !doc.conflicts.is_empty() {
        writeln!(
            err,
            "{}: {} unresolved merge conflict(s): resolve them before signing",
            args.file.display(),
            doc.conflicts.len()
        )?;
        return Ok(EXIT_PROBLEMS);
    }
    let role = args.role.row_role();
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let row = SignOff {
        role: role.to_string(),
        name: name.clone(),
        date: Some(date),
        fingerprint: content_fingerprint(&doc),
    };
    let renewed = match doc
        .sign_off
        .iter_mut()
        .find(|s| s.fills(role) && s.name == name)
    {
        Some(existing) => {
            *existing = row;
            true
        }
        None => {
            doc.sign_off.push(row);
            false
        }
    };
    store::save(&doc, &args.file)?;
    writeln!(
        out,
        "{} {}: {role} by {name} on {date}",
        if renewed { "renewed" } else { "signed" },
        args.file.display()
    )?;
    Ok(EXIT_OK)
}

/// `git config user.name`, read in the document's folder (so a
/// repository's own setting counts).
fn git_user(file: &Path) -> Option<String> {
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["config", "user.name"])
        .output()
        .ok()?;
    let name = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !name.is_empty()).then_some(name)
}
