//! What the decoder hands over ([`Shape`]) and how it writes each object ([`View`]): the typed form of
//! the model, or one of the old client's shapes (`compat.rs`), applied while the body is read so that
//! no second pass is needed.

use crate::catalog::Model;
use crate::compat::{self, Conv, ImageNameKey};

/// How objects are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The typed form of the model.
    Typed,
    /// `compat::private_image`: renamed keys, some fields dropped, ids as numbers.
    Compat(ImageNameKey),
    /// `compat::REGION_PICK` / `compat::ZONE_PICK`.
    Region,
    Zone,
    /// `compat::list_item`: every `...No` key as a number, at any depth, and the old client's key
    /// renames (`(api key, old key)`) on the item itself.
    NumericIds(&'static [(&'static str, &'static str)]),
}

/// How one field is written under a view.
#[derive(Debug, Clone, Copy)]
pub struct FieldView {
    pub key: &'static str,
    /// Text that holds a whole number below 2^53 becomes a number (`compat::to_number`).
    pub num: bool,
    /// The view of a nested object or list.
    pub sub: View,
}

impl FieldView {
    /// A field of the typed form: its own name, no conversion.
    pub fn typed(key: &'static str) -> FieldView {
        FieldView {
            key,
            num: false,
            sub: View::Typed,
        }
    }
}

fn pick(keys: &'static [(&'static str, Conv)], name: &str) -> Option<FieldView> {
    keys.iter().find(|(k, _)| *k == name).map(|(k, conv)| FieldView {
        key: k,
        num: *conv == Conv::Num,
        sub: View::Typed,
    })
}

impl View {
    /// `None` when the view drops the field.
    #[inline]
    pub fn field(self, model: &'static Model, idx: usize) -> Option<FieldView> {
        let name = model.fields[idx].name;
        if self == View::Typed {
            return Some(FieldView::typed(name));
        }
        self.field_slow(name)
    }

    fn field_slow(self, name: &'static str) -> Option<FieldView> {
        match self {
            View::Typed => Some(FieldView::typed(name)),
            View::NumericIds(aliases) => Some(FieldView {
                key: aliases
                    .iter()
                    .find(|(src, _)| *src == name)
                    .map_or(name, |(_, dst)| dst),
                num: name.ends_with("No"),
                sub: View::NumericIds(&[]),
            }),
            View::Region => pick(compat::REGION_PICK, name),
            View::Zone => pick(compat::ZONE_PICK, name),
            View::Compat(name_key) => {
                let (key, _, conv) = compat::PRIVATE_IMAGE.iter().find(|(_, f, _)| *f == name)?;
                let key = match (conv, name_key) {
                    (Conv::ImageName, ImageNameKey::Vm) => "originalVmImageName",
                    _ => key,
                };
                Some(FieldView {
                    key,
                    num: *conv == Conv::Num,
                    sub: match conv {
                        Conv::Region => View::Region,
                        Conv::Zone => View::Zone,
                        _ => View::Typed,
                    },
                })
            }
        }
    }
}

/// What the decoder hands over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The response object without its wrapper: every field of the action's response model, then the
    /// envelope.
    Response,
    /// Only the action's list, its items in the view.
    List(View),
    /// Only the list's first item in the view (`null` when the list is empty).
    First(View),
}

impl Shape {
    pub fn item_view(self) -> View {
        match self {
            Shape::Response => View::Typed,
            Shape::List(v) | Shape::First(v) => v,
        }
    }
}
