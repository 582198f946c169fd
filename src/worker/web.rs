//! The worker's side in the browser (wasm only), and the envelope both sides put messages in.
//!
//! An envelope is a plain object `{message, buffers}`: `message` is a `Request` or `Reply` as
//! JSON text and `buffers` an array of `ArrayBuffer`s, transferred (moved, not copied) with the
//! message.

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::{Reply, Request, Worker, WorkerError};

/// Builds an envelope and the list of what to transfer with it.
pub fn envelope(message: &str, buffers: &Array) -> Result<JsValue, JsValue> {
    let object = Object::new();
    Reflect::set(&object, &"message".into(), &message.into())?;
    Reflect::set(&object, &"buffers".into(), buffers)?;
    Ok(object.into())
}

/// Reads an envelope: the message text and the attached buffers.
///
/// # Errors
/// A value that is not an envelope.
pub fn open_envelope(data: &JsValue) -> Result<(String, Vec<ArrayBuffer>), String> {
    let message = Reflect::get(data, &"message".into())
        .ok()
        .and_then(|value| value.as_string())
        .ok_or("a message without text")?;
    let buffers = Reflect::get(data, &"buffers".into())
        .ok()
        .filter(Array::is_array)
        .map(|value| Array::from(&value))
        .ok_or("a message without its buffer list")?;
    let buffers = buffers
        .iter()
        .map(|value| value.dyn_into::<ArrayBuffer>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| "a message with an attachment that is not an ArrayBuffer")?;
    Ok((message, buffers))
}

/// Bytes into a new JavaScript buffer (one copy out of the wasm memory).
pub fn to_buffer(bytes: &[u8]) -> ArrayBuffer {
    Uint8Array::from(bytes).buffer()
}

/// Starts the simulation worker: answers requests from the page, after saying it is ready.
pub fn start() {
    let mut worker = Worker::default();
    start_with(move |request, attachments, send| worker.handle(request, attachments, send));
}

/// Starts the CRM import's worker (`src/bin/crm_worker.rs`): it reads and calibrates
/// histories (`calibrate::handle`), so the simulation worker every page starts does not carry
/// the CSV reader and the fits.
pub fn start_calibration() {
    start_with(super::calibrate::handle);
}

/// Starts a worker whose requests `handle` answers.
fn start_with(
    mut handle: impl FnMut(Request, Vec<Vec<u8>>, &mut dyn FnMut(Reply, Vec<Vec<u8>>)) + 'static,
) {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let poster = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let mut send =
            |reply: Reply, attachments: Vec<Vec<u8>>| post(&poster, &reply, &attachments);
        let (text, buffers) = match open_envelope(&event.data()) {
            Ok(opened) => opened,
            Err(message) => {
                let error = WorkerError::protocol(message);
                send(Reply::Failed { job: 0, error }, Vec::new());
                return;
            }
        };
        let request: Request = match serde_json::from_str(&text) {
            Ok(request) => request,
            Err(error) => {
                let job = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|value| value["job"].as_u64())
                    .unwrap_or(0);
                let error =
                    WorkerError::protocol(format!("the worker cannot read its request: {error}"));
                send(Reply::Failed { job, error }, Vec::new());
                return;
            }
        };
        let attachments = buffers
            .iter()
            .map(|buffer| Uint8Array::new(buffer).to_vec())
            .collect();
        handle(request, attachments, &mut send);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&scope, &Reply::Ready, &[]);
}

/// Posts a reply to the page, its attachments transferred.
fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply, attachments: &[Vec<u8>]) {
    // A reply is plain data with string keys: serialising it cannot fail.
    let text = serde_json::to_string(reply).unwrap_or_default();
    let buffers: Array = attachments.iter().map(|bytes| to_buffer(bytes)).collect();
    let sent = envelope(&text, &buffers)
        .and_then(|message| scope.post_message_with_transfer(&message, &buffers));
    if let Err(error) = sent {
        web_sys::console::error_2(&"funnelcast worker: cannot post a reply:".into(), &error);
    }
}
