//! How one parameter of a look-up by convention keeps records: decided at build time from the model
//! (`build/lookups.rs`, where a parent is the kind's name) and applied by the emulator
//! (`src/emulator/lookup.rs`, where it is the parent kind's facts). One declaration for both, included
//! by the build with `#[path]`.

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum How<P> {
    /// The field's text is the value.
    Eq,
    /// The field's text is one of the values (none given: every record).
    In,
    /// The code of a `{ code, codeName }` field is the value.
    Code,
    /// The code is one of the values.
    CodeIn,
    /// A boolean field is the value.
    Flag,
    /// The record's zone (a record that names none is in every zone).
    Zone,
    /// `searchFilterValue` is part of the text of the field `searchFilterName` names.
    Search,
    /// A required parameter naming a parent record (the kind's `parents`): a record of the parent kind
    /// has that number (in the call's region; its not-found fault otherwise), and the field is it.
    Parent(P),
}
