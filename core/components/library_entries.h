// The component library, one line per component. The position is the component's id in
// command streams and firmware tables: APPEND ONLY, never reorder or remove (mark removed
// components as such instead). Each name refers to a struct with an EMFLOW_DESCRIBE_<Name>
// macro in its own header (included by components.h).
//
// An X-macro list without an include guard: included several times with different
// EMFLOW_LIBRARY_ENTRY definitions. A .h file so that the Arduino IDE copies it into the
// sketch's build folder (arduino-builder skips unknown extensions such as .def).
EMFLOW_LIBRARY_ENTRY(Forward)
EMFLOW_LIBRARY_ENTRY(Repeat)
EMFLOW_LIBRARY_ENTRY(Drop)
EMFLOW_LIBRARY_ENTRY(Split)
EMFLOW_LIBRARY_ENTRY(Merge)
EMFLOW_LIBRARY_ENTRY(Gate)
EMFLOW_LIBRARY_ENTRY(Route)
EMFLOW_LIBRARY_ENTRY(Count)
EMFLOW_LIBRARY_ENTRY(Timer)
EMFLOW_LIBRARY_ENTRY(InvertBoolean)
EMFLOW_LIBRARY_ENTRY(ToggleBoolean)
EMFLOW_LIBRARY_ENTRY(BooleanAnd)
EMFLOW_LIBRARY_ENTRY(BooleanOr)
EMFLOW_LIBRARY_ENTRY(NumberEquals)
EMFLOW_LIBRARY_ENTRY(Compare)
EMFLOW_LIBRARY_ENTRY(Threshold)
EMFLOW_LIBRARY_ENTRY(MapLinear)
EMFLOW_LIBRARY_ENTRY(Constrain)
EMFLOW_LIBRARY_ENTRY(Min)
EMFLOW_LIBRARY_ENTRY(Max)
EMFLOW_LIBRARY_ENTRY(HysteresisLatch)
EMFLOW_LIBRARY_ENTRY(BreakBeforeMake)
EMFLOW_LIBRARY_ENTRY(DigitalWrite)
EMFLOW_LIBRARY_ENTRY(DigitalRead)
EMFLOW_LIBRARY_ENTRY(AnalogRead)
EMFLOW_LIBRARY_ENTRY(PwmWrite)
EMFLOW_LIBRARY_ENTRY(ReadDallasTemperature)
EMFLOW_LIBRARY_ENTRY(MonitorPin)
EMFLOW_LIBRARY_ENTRY(SerialOut)
EMFLOW_LIBRARY_ENTRY(ArduinoUno)
EMFLOW_LIBRARY_ENTRY(Classify)
EMFLOW_LIBRARY_ENTRY(Regress)
EMFLOW_LIBRARY_ENTRY(AnomalyScore)
EMFLOW_LIBRARY_ENTRY(WindowFeatures)
