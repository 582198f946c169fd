//! A decision split by variant over the pool's workers (a sensitivity analysis): every worker
//! computes one part (`Task::DecidePart`), the worker whose part came last joins them all
//! (`Task::MergeParts`), and its `Done` finishes the job with the text one worker gives.
//! Like a simulation's batches, the parts are opaque attachments the coordinator only moves.

use std::mem;

use super::{Attachment, Coordinator, Job, JobError, Work};
use crate::worker::{DecisionJob, JobId, Request, Task, WorkerError};

/// A split decision under way.
#[derive(Debug)]
pub(super) struct PartsJob<A> {
    decision: DecisionJob,
    /// Each worker's part, once sent (index = slot = part).
    parts: Vec<Option<A>>,
    /// The parts went to a worker to be joined.
    pub(super) merging: bool,
}

/// Whether `decision` is split over `cores` workers rather than done whole by one.
pub(super) fn splits(decision: &DecisionJob, cores: usize) -> bool {
    cores > 1 && matches!(decision, DecisionJob::Sensitivity { .. })
}

impl<A: Attachment> Coordinator<A> {
    /// Posts part `i` of `decision` to the worker of slot `i`, one part per core.
    pub(super) fn start_parts(&mut self, id: JobId, decision: DecisionJob) {
        let count = self.cores;
        let parts = u32::try_from(count).unwrap_or(u32::MAX);
        for index in 0..count {
            let task = Task::DecidePart {
                decision: decision.clone(),
                part: u32::try_from(index).unwrap_or(u32::MAX),
                parts,
            };
            self.send(index, Request { job: id, task }, Vec::new());
        }
        self.job = Some(Job {
            id,
            work: Work::Parts(PartsJob {
                decision,
                parts: (0..count).map(|_| None).collect(),
                merging: false,
            }),
        });
    }

    /// The worker of slot `index` sent part `part` of `job`: kept; once every part is in,
    /// that worker joins them.
    pub(super) fn on_part(&mut self, index: usize, job: JobId, part: u32, attachments: Vec<A>) {
        let Some(Job {
            id,
            work: Work::Parts(running),
        }) = self.job.as_mut()
        else {
            return;
        };
        if *id != job || running.merging {
            return;
        }
        let failure = match attachments.into_iter().next() {
            _ if part as usize != index || index >= running.parts.len() => Some(format!(
                "a worker sent part {part} of a decision instead of part {index}"
            )),
            None => Some("a worker sent no part of the decision".to_string()),
            Some(buffer) => {
                running.parts[index].get_or_insert(buffer);
                None
            }
        };
        if let Some(detail) = failure {
            self.stop(JobError::Failed(WorkerError::protocol(detail)));
            return;
        }
        if running.parts.iter().any(Option::is_none) {
            return;
        }
        running.merging = true;
        let parts: Vec<A> = mem::take(&mut running.parts)
            .into_iter()
            .flatten()
            .collect();
        let task = Task::MergeParts {
            decision: running.decision.clone(),
        };
        self.send(index, Request { job, task }, parts);
    }
}
