//! One `tower` service shape for every layer of this module: a [`Middleware`] that sees the
//! request, may answer it, and otherwise calls the rest of the stack.

use core::convert::Infallible;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::response::Response;
use tower::{Layer, Service};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The future of every service of this module.
pub type ResponseFuture = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

/// What a layer of this module does with a request. Implemented by the layers themselves;
/// not meant to be implemented elsewhere.
#[doc(hidden)]
pub trait Middleware: Clone + Send + Sync + 'static {
    /// Handles `request`, calling `next` for the rest of the stack if it goes on.
    fn handle<S>(self, request: Request, next: Next<S>) -> impl Future<Output = Response> + Send
    where
        S: InnerService;
}

/// The services a layer of this module can wrap: axum's routes and handlers, and the
/// services of other layers.
#[doc(hidden)]
pub trait InnerService:
    Service<Request, Response = Response<Self::Body>, Error = Infallible, Future: Send>
    + Clone
    + Send
    + 'static
{
    /// The body of the responses.
    type Body: HttpBody<Data = Bytes, Error: Into<BoxError>> + Send + 'static;
}

impl<S, B> InnerService for S
where
    S: Service<Request, Response = Response<B>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send,
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Body = B;
}

/// The rest of the stack.
#[doc(hidden)]
pub struct Next<S>(S);

impl<S: InnerService> Next<S> {
    /// Calls the rest of the stack.
    pub async fn run(mut self, request: Request) -> Response {
        match self.0.call(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        }
    }
}

/// A layer of this module wrapping a service.
#[derive(Clone, Debug)]
pub struct SecureService<M, S> {
    middleware: M,
    inner: S,
}

impl<M, S> SecureService<M, S> {
    pub(crate) fn new(middleware: M, inner: S) -> Self {
        SecureService { middleware, inner }
    }
}

impl<M: Middleware, S: InnerService> Service<Request> for SecureService<M, S> {
    type Response = Response;
    type Error = Infallible;
    type Future = ResponseFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> ResponseFuture {
        // The clone is not necessarily ready; the service that was polled ready is the one
        // that goes with this call.
        let clone = self.inner.clone();
        let inner = core::mem::replace(&mut self.inner, clone);
        let middleware = self.middleware.clone();
        Box::pin(async move { Ok(middleware.handle(request, Next(inner)).await) })
    }
}

/// Implements `tower::Layer` for a middleware type.
macro_rules! middleware_layer {
    ($layer:ty) => {
        impl<S> tower::Layer<S> for $layer {
            type Service = $crate::axum::service::SecureService<Self, S>;

            fn layer(&self, inner: S) -> Self::Service {
                $crate::axum::service::SecureService::new(self.clone(), inner)
            }
        }
    };
}

pub(crate) use middleware_layer;

/// A middleware as a layer, for the route-level checks the router adds itself.
#[derive(Clone, Debug)]
pub(crate) struct RouteLayer<M>(pub(crate) M);

impl<M: Clone, S> Layer<S> for RouteLayer<M> {
    type Service = SecureService<M, S>;

    fn layer(&self, inner: S) -> Self::Service {
        SecureService::new(self.0.clone(), inner)
    }
}
