//! Writes a value's entries into a map that is already open, as serde's derive does for a
//! `#[serde(flatten)]` field and for the content of an internally tagged newtype variant.
//! Redacted serialization needs the same shape, and serde keeps its own adapter private.

use serde::ser::{self, Impossible, Serialize, SerializeMap, Serializer};

/// A serializer that adds the entries of a struct or map to `M`.
pub struct FlatMap<'a, M>(pub &'a mut M);

fn refused<E: ser::Error>(what: &str) -> E {
    E::custom(format_args!(
        "only a struct or a map can be flattened or internally tagged, not {what}"
    ))
}

impl<'a, M: SerializeMap> Serializer for FlatMap<'a, M> {
    type Ok = ();
    type Error = M::Error;
    type SerializeSeq = Impossible<(), M::Error>;
    type SerializeTuple = Impossible<(), M::Error>;
    type SerializeTupleStruct = Impossible<(), M::Error>;
    type SerializeTupleVariant = Impossible<(), M::Error>;
    type SerializeMap = Entries<'a, M>;
    type SerializeStruct = Entries<'a, M>;
    type SerializeStructVariant = Impossible<(), M::Error>;

    fn serialize_bool(self, _: bool) -> Result<(), M::Error> {
        Err(refused("a bool"))
    }
    fn serialize_i8(self, _: i8) -> Result<(), M::Error> {
        Err(refused("a number"))
    }
    fn serialize_i16(self, _: i16) -> Result<(), M::Error> {
        Err(refused("a number"))
    }
    fn serialize_i32(self, _: i32) -> Result<(), M::Error> {
        Err(refused("a number"))
    }
    fn serialize_i64(self, _: i64) -> Result<(), M::Error> {
        Err(refused("a number"))
    }
    fn serialize_u8(self, _: u8) -> Result<(), M::Error> {
        Err(refused("a number"))
    }
    fn serialize_u16(self, _: u16) -> Result<(), M::Error> {
        Err(refused("a number"))
    }
    fn serialize_u32(self, _: u32) -> Result<(), M::Error> {
        Err(refused("a number"))
    }
    fn serialize_u64(self, _: u64) -> Result<(), M::Error> {
        Err(refused("a number"))
    }
    fn serialize_f32(self, _: f32) -> Result<(), M::Error> {
        Err(refused("a number"))
    }
    fn serialize_f64(self, _: f64) -> Result<(), M::Error> {
        Err(refused("a number"))
    }
    fn serialize_char(self, _: char) -> Result<(), M::Error> {
        Err(refused("a char"))
    }
    fn serialize_str(self, _: &str) -> Result<(), M::Error> {
        Err(refused("a string"))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), M::Error> {
        Err(refused("bytes"))
    }
    fn serialize_none(self) -> Result<(), M::Error> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), M::Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), M::Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), M::Error> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(variant, &())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(variant, value)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, M::Error> {
        Err(refused("a sequence"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, M::Error> {
        Err(refused("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, M::Error> {
        Err(refused("a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, M::Error> {
        Err(refused("a tuple variant"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, M::Error> {
        Ok(Entries(self.0))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, M::Error> {
        Ok(Entries(self.0))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, M::Error> {
        Err(refused("a struct variant"))
    }
}

/// The entries of a flattened struct or map, added to the open map.
pub struct Entries<'a, M>(&'a mut M);

impl<M: SerializeMap> ser::SerializeMap for Entries<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), M::Error> {
        self.0.serialize_key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), M::Error> {
        self.0.serialize_value(value)
    }
    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

impl<M: SerializeMap> ser::SerializeStruct for Entries<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(key, value)
    }
    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}
