"""A service attribute built on first use from a class named by its module.

The application context holds some thirty services; each is imported and built only
when first asked for, so the window appears before SQLAlchemy and the services load.
"""

from __future__ import annotations

import importlib
from typing import Generic, TypeVar, overload

_T = TypeVar("_T")


class LazyService(Generic[_T]):
    """A class attribute that builds its service once per instance, on first access.

    The service class is imported from ``module`` (relative to this package)
    and called with the owner's attributes named in ``needs``, in order. The built
    service is kept in the instance's ``__dict__`` under the attribute's name, as
    ``functools.cached_property`` does, so dropping it from there rebuilds it next time.
    """

    def __init__(self, module: str, class_name: str, doc: str, *needs: str) -> None:
        """Name the service class and what it is built from (``factories`` by default)."""
        self.module = module
        self.class_name = class_name
        self.needs = needs or ("factories",)
        self.__doc__ = doc
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> LazyService[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type) -> _T: ...

    def __get__(self, instance: object | None, owner: type) -> LazyService[_T] | _T:
        if instance is None:
            return self
        service_class = getattr(importlib.import_module(self.module, __package__), self.class_name)
        service: _T = service_class(*(getattr(instance, need) for need in self.needs))
        instance.__dict__[self.name] = service
        return service
